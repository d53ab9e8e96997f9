using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Auth;

namespace TaskGraph.Schema.Execution;

public static class ResolveContextExtensions
{
    /// <summary>A request-scoped service (the same DbContext as the rest of this request).</summary>
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set.")).GetRequiredService<T>();

    /// <summary>The request's caller, resolved once by the host. Fields that need one are marked <c>Authorize()</c>, so anonymous requests never get here.</summary>
    public static Actor Actor(this IResolveFieldContext context) => context.Service<CurrentActor>().Required;

    /// <summary>
    /// The result of <paramref name="create"/>, made at most once per operation under <paramref name="key"/>:
    /// every field that asks during the same execution (aliases of one field) shares it.
    /// </summary>
    public static Task<T> OncePerOperation<T>(this IResolveFieldContext context, string key, Func<Task<T>> create)
    {
        var shared = context.UserContext;
        lock (shared)
        {
            if (shared.TryGetValue(key, out var existing) && existing is Task<T> task)
            {
                return task;
            }
            var created = create();
            shared[key] = created;
            return created;
        }
    }

    /// <summary>A dictionary argument exactly as sent: absent fields absent, null fields present as null.</summary>
    public static IDictionary<string, object?>? Input(this IResolveFieldContext context, string name) =>
        context.GetArgument<Dictionary<string, object?>?>(name);
}
