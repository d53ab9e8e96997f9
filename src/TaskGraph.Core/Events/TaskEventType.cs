namespace TaskGraph.Core.Events;

/// <summary>What happened to a task. On the wire (REST, webhooks) these are <c>task.created</c> and so on; see <see cref="TaskEventTypeNames"/>.</summary>
public enum TaskEventType
{
    Created,
    Updated,
    Deleted,

    /// <summary>The task's due date is near (written by the reminder job, not by a write).</summary>
    DueSoon,
}
