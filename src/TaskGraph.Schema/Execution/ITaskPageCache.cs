using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Where task pages may be cached. The host supplies a shared (Redis) cache; without one, pages
/// are simply read each time.
/// </summary>
public interface ITaskPageCache
{
    /// <summary>The caller's page for these coerced arguments (JSON-serializable: they identify the page), or a fresh read.</summary>
    Task<Connection<TaskItem>> GetOrCreateAsync(Actor actor, object arguments, Func<Task<Connection<TaskItem>>> read);
}
