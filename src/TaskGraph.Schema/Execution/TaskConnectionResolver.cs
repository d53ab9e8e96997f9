using GraphQL;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Filtering;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Resolves <c>tasks</c>: arguments to the core's list vocabulary, then a keyset page. Responses of
/// operations made only of <c>tasks</c> are cached whole, by <see cref="CachingExecutionStrategy"/>.
/// </summary>
public sealed class TaskConnectionResolver(TaskQueries queries)
{
    public async Task<Connection<TaskItem>> ResolveAsync(IResolveFieldContext context)
    {
        var actor = context.Actor();
        var page = new PageRequest(
            context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
        var query = TaskListArguments.ToQuery(context.Input("where"), context.GetArgument<List<object?>?>("order"));
        return await queries.PageAsync(actor, query, page, context.CancellationToken);
    }
}
