using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Events;

/// <summary>
/// One change to a task, written in the same transaction as the change (a transactional outbox).
/// Ids increase in commit order (see <see cref="TaskEventLog.AppendAsync"/>), so "everything after
/// id N" is a complete, gap-free answer for every reader.
/// </summary>
public sealed class TaskEvent
{
    private TaskItem? _task;

    public long Id { get; set; }

    public TaskEventType Type { get; set; }

    public int TaskId { get; set; }

    public int OwnerId { get; set; }

    /// <summary>Who made the change; null when the system did (a due-date reminder).</summary>
    public int? ActorId { get; set; }

    /// <summary>The task's version after the change (a deletion counts as one more change).</summary>
    public int Version { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>The task after the change as JSON (<see cref="TaskSnapshot"/>); only the id on delete.</summary>
    public required string Data { get; set; }

    /// <summary>The task after the change, parsed once and shared by every subscriber; null on delete.</summary>
    public TaskItem? Task => Type == TaskEventType.Deleted ? null : _task ??= TaskSnapshot.Read(Data);
}
