using System.Text.Json;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Api.Caching;

/// <summary>
/// GraphQL face of <see cref="TaskListCache"/>: the <c>tasks</c> field's page (rows, cursors, page
/// info, total) cached per caller and coerced arguments, invalidated by the same owner counters as
/// the REST list. The page is cached, not the response, so any selection over it shares the entry.
/// </summary>
public sealed class GraphQLTaskPageCache(TaskListCache cache) : ITaskPageCache
{
    public const string Face = "graphql";

    private static readonly Dictionary<string, string> NoHeaders = [];

    public async Task<Connection<TaskItem>> GetOrCreateAsync(Actor actor, object arguments, Func<Task<Connection<TaskItem>>> read)
    {
        if (!cache.Enabled)
        {
            return await read();
        }
        Connection<TaskItem>? fresh = null;
        var (cached, _) = await cache.GetOrCreateAsync(actor, Face, JsonSerializer.Serialize(arguments), async () =>
        {
            fresh = await read();
            return new CachedResponse(JsonSerializer.Serialize(fresh), NoHeaders);
        });
        return fresh ?? JsonSerializer.Deserialize<Connection<TaskItem>>(cached!.Body)
            ?? throw new InvalidOperationException("A cached task page was empty.");
    }
}
