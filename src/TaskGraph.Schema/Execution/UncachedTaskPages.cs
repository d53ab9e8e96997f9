using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Execution;

/// <summary>No caching: every read goes to the database.</summary>
public sealed class UncachedTaskPages : ITaskPageCache
{
    public Task<Connection<TaskItem>> GetOrCreateAsync(Actor actor, object arguments, Func<Task<Connection<TaskItem>>> read) => read();
}
