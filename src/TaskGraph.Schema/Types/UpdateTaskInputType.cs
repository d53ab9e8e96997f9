using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class UpdateTaskInputType : InputObjectGraphType
{
    public UpdateTaskInputType()
    {
        Name = "UpdateTaskInput";
        Description = "Changes to a task: fields left out stay unchanged; `description` and `dueDate` sent as null are cleared.";
        Field<StringGraphType>("title").Description("1-200 characters; cannot be null.");
        Field<StringGraphType>("description").Description("Up to 2000 characters; null clears it.");
        Field<BooleanGraphType>("completed").Description("Done or not; cannot be null.");
        Field<PriorityType>("priority").Description("Cannot be null.");
        Field<DateTimeGraphType>("dueDate").Description("Null clears it.");
        Field<IntGraphType>("expectedVersion").Description("The task's `version` you last read: if it has changed since, nothing is written and the error is CONFLICT.");
    }
}
