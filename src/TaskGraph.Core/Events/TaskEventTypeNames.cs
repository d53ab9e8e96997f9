namespace TaskGraph.Core.Events;

/// <summary>The contract's names of event types, as stored in <c>task_events.type</c> and shown by REST and webhooks.</summary>
public static class TaskEventTypeNames
{
    public const string Created = "task.created";
    public const string Updated = "task.updated";
    public const string Deleted = "task.deleted";
    public const string DueSoon = "task.due_soon";

    public static string ToName(this TaskEventType type) => type switch
    {
        TaskEventType.Created => Created,
        TaskEventType.Updated => Updated,
        TaskEventType.Deleted => Deleted,
        TaskEventType.DueSoon => DueSoon,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown task event type."),
    };

    public static TaskEventType Parse(string name) => name switch
    {
        Created => TaskEventType.Created,
        Updated => TaskEventType.Updated,
        Deleted => TaskEventType.Deleted,
        DueSoon => TaskEventType.DueSoon,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown task event type."),
    };
}
