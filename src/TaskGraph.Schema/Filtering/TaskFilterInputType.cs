using GraphQL.Types;

namespace TaskGraph.Schema.Filtering;

public sealed class TaskFilterInputType : InputObjectGraphType
{
    public TaskFilterInputType()
    {
        Name = "TaskFilterInput";
        Description = "Which tasks to list. Conditions on several fields must all hold; `and`/`or` combine whole filters (nested up to 5 deep, 50 conditions and nested filters in all).";
        Field<ListGraphType<NonNullGraphType<TaskFilterInputType>>>("and").Description("Every one of these filters holds.");
        Field<ListGraphType<NonNullGraphType<TaskFilterInputType>>>("or").Description("At least one of these filters holds.");
        Field<StringOperationFilterInputType>("title").Description("Conditions on the title.");
        Field<StringOperationFilterInputType>("description").Description("Conditions on the description (tasks without one never `contain` or `startsWith` anything).");
        Field<BooleanOperationFilterInputType>("completed").Description("Conditions on whether the task is done.");
        Field<PriorityOperationFilterInputType>("priority").Description("Conditions on the priority (LOW < MEDIUM < HIGH).");
        Field<DateTimeOperationFilterInputType>("dueDate").Description("Conditions on the due date (`eq: null` finds tasks without one).");
        Field<DateTimeOperationFilterInputType>("createdAt").Description("Conditions on the creation time.");
        Field<DateTimeOperationFilterInputType>("updatedAt").Description("Conditions on the last change time.");
        Field<IdOperationFilterInputType>("ownerId").Description("Conditions on the owner's id (admins only: other users see only their own tasks and get AUTH_NOT_AUTHORIZED).");
    }
}
