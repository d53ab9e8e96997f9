using System.Text.Json;
using GraphQL;
using TaskGraph.Core.Caching;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Filtering;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Resolves <c>tasks</c>: arguments to the core's list vocabulary, then a keyset page through the page
/// cache. The page (rows, cursors, page info, total) is what is cached, so any selection over it shares the entry.
/// </summary>
public sealed class TaskConnectionResolver(TaskQueries queries, ITaskPageCache cache)
{
    public const string Face = "graphql";

    public async Task<Connection<TaskItem>> ResolveAsync(IResolveFieldContext context)
    {
        var actor = context.Actor();
        var page = new PageRequest(
            context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
        var query = TaskListArguments.ToQuery(context.Input("where"), context.GetArgument<List<object?>?>("order"));
        if (!cache.Enabled)
        {
            return await queries.PageAsync(actor, query, page, context.CancellationToken);
        }

        Connection<TaskItem>? fresh = null;
        var (cached, _) = await cache.GetOrCreateAsync(TaskPageKey.For(actor, Face, query, page), async () =>
        {
            fresh = await queries.PageAsync(actor, query, page, context.CancellationToken);
            return new CachedPage(JsonSerializer.SerializeToUtf8Bytes(fresh), CachedPage.NoMetadata);
        }, context.CancellationToken);
        return fresh ?? JsonSerializer.Deserialize<Connection<TaskItem>>(cached.Content.Span)
            ?? throw new InvalidOperationException("A cached task page was empty.");
    }
}
