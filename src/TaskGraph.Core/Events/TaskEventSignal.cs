using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Events;

/// <summary>
/// "The log has something new": raised after every commit in this process, and by whatever carries
/// other instances' wake-ups (Redis pub/sub). It carries no data: readers always read the log, so a
/// lost wake-up only delays them until their next periodic read.
/// </summary>
public sealed class TaskEventSignal : ITaskChangeListener
{
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next wake-up. Take it before reading the log, so a commit in between is never missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    Task ITaskChangeListener.TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken)
    {
        Raise();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
