using GraphQL;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Filtering;

namespace TaskGraph.Schema.Execution;

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
