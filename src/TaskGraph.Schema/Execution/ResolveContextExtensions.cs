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

    /// <summary>The caller. Fields that need one are marked <c>Authorize()</c>, so the authorization rule has already rejected anonymous requests.</summary>
    public static Actor Actor(this IResolveFieldContext context) =>
        context.User is { } user && Core.Auth.Actor.FromPrincipal(user) is { } actor
            ? actor
            : throw new InvalidOperationException("An authorized field ran without an authenticated user.");

    /// <summary>A dictionary argument exactly as sent: absent fields absent, null fields present as null.</summary>
    public static IDictionary<string, object?>? Input(this IResolveFieldContext context, string name) =>
        context.GetArgument<Dictionary<string, object?>?>(name);
}
