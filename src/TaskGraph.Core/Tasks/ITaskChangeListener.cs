namespace TaskGraph.Core.Tasks;

/// <summary>
/// Told after every committed task write, with the owner of the task written. The core has no
/// listeners of its own; the API registers the list cache here, so REST and GraphQL writes (and an
/// admin writing someone else's task) invalidate the same caches without either face remembering to.
/// </summary>
public interface ITaskChangeListener
{
    Task TaskChangedAsync(int ownerId, CancellationToken cancellationToken);
}
