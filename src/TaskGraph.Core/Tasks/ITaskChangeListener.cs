namespace TaskGraph.Core.Tasks;

/// <summary>
/// Told after every committed task write, with the task's owner. The host's page cache listens here,
/// so a write through either face, by anyone, invalidates the pages it changed.
/// </summary>
public interface ITaskChangeListener
{
    Task TaskChangedAsync(int ownerId, CancellationToken cancellationToken);
}
