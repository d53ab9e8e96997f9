using GraphQL.Types;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema.Types;

public sealed class TaskType : ObjectGraphType<TaskItem>
{
    public TaskType()
    {
        Name = "Task";
        Description = "A task. Users see only their own; admins see all.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The task's id (the same number as in the REST API).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("title").Description("1-200 characters, trimmed.").Resolve(c => c.Source.Title);
        Field<StringGraphType>("description").Description("Up to 2000 characters; null when absent.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BooleanGraphType>>("completed").Description("Whether the task is done.").Resolve(c => c.Source.Completed);
        Field<NonNullGraphType<PriorityType>>("priority").Description("LOW, MEDIUM (default) or HIGH.").Resolve(c => c.Source.Priority);
        Field<DateTimeGraphType>("dueDate").Description("When the task is due (UTC); null when it has no due date.").Resolve(c => c.Source.DueDate);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the task was created (UTC).").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt").Description("When the task last changed (UTC).").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<IdGraphType>>("ownerId").Description("The id of the user who owns the task.").Resolve(c => c.Source.OwnerId);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Starts at 1 and grows by 1 on every change: pass it as `expectedVersion` to `updateTask` to never overwrite someone else's change.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<UserType>>("owner")
            .Description("The user who owns the task. Loaded in one batch for a whole page of tasks.")
            .Resolve(c => c.Service<UserBatchLoader>().Load(c.Source.OwnerId));
    }
}
