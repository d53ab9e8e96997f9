using GraphQL.Types;
using TaskGraph.Core.Events;

namespace TaskGraph.Schema.Types;

public sealed class TaskEventTypeEnumType : EnumerationGraphType
{
    public TaskEventTypeEnumType()
    {
        Name = "TaskEventType";
        Description = "What happened to a task.";
        Add("CREATED", TaskEventType.Created, "The task was created.");
        Add("UPDATED", TaskEventType.Updated, "One or more of its fields changed.");
        Add("DELETED", TaskEventType.Deleted, "The task was deleted; `task` is null.");
        Add("DUE_SOON", TaskEventType.DueSoon, "Its due date is near (a reminder, made by the system: `actor` is null).");
    }
}
