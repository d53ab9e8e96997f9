using TaskGraph.Core.Events;

namespace TaskGraph.Core.Tasks;

/// <summary>
/// Told after every committed task change, with the event that records it: the host's page cache
/// invalidates what the change touched, and the event signal wakes this instance's readers of the log.
/// </summary>
public interface ITaskChangeListener
{
    Task TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken);
}
