using GraphQL;
using TaskGraph.Schema.Auth;
using TaskGraph.Schema.Common;
using TaskGraph.Schema.GraphQL.Filtering;
using TaskGraph.Schema.Tasks;

namespace TaskGraph.Schema.GraphQL.Execution;

/// <summary>Resolves <c>tasks</c>: arguments to a keyset page query, through the task list cache.</summary>
public sealed class TaskConnectionResolver(TaskQueries queries, ITaskPageCache cache)
{
    public async Task<Connection<TaskItem>> ResolveAsync(IResolveFieldContext context)
    {
        var actor = context.Actor();
        var page = new PageRequest(
            context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
        var whereArgument = context.Input("where");
        var orderArgument = context.GetArgument<List<object?>?>("order");
        var where = TaskFilterTranslator.Where(whereArgument);
        var order = TaskFilterTranslator.Order(orderArgument);
        // The coerced arguments identify the page: equal requests share a cache entry.
        var arguments = new { where = whereArgument, order = orderArgument, page };
        return await cache.GetOrCreateAsync(actor, arguments, () => queries.PageAsync(actor, where, order, page, context.CancellationToken));
    }
}

/// <summary>
/// Where task pages may be cached. The host supplies a shared (Redis) cache; without one, pages
/// are simply read each time.
/// </summary>
public interface ITaskPageCache
{
    /// <summary>The caller's page for these coerced arguments (JSON-serializable: they identify the page), or a fresh read.</summary>
    Task<Connection<TaskItem>> GetOrCreateAsync(Actor actor, object arguments, Func<Task<Connection<TaskItem>>> read);
}

/// <summary>No caching: every read goes to the database.</summary>
public sealed class UncachedTaskPages : ITaskPageCache
{
    public Task<Connection<TaskItem>> GetOrCreateAsync(Actor actor, object arguments, Func<Task<Connection<TaskItem>>> read) => read();
}
