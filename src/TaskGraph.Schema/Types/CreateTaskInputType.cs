using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class CreateTaskInputType : InputObjectGraphType
{
    public CreateTaskInputType()
    {
        Name = "CreateTaskInput";
        Description = "A new task, owned by the caller.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("1-200 characters; surrounding spaces are trimmed.");
        Field<StringGraphType>("description").Description("Up to 2000 characters.");
        Field<BooleanGraphType>("completed").Description("Defaults to false.");
        Field<PriorityType>("priority").Description("Defaults to MEDIUM.");
        Field<DateTimeGraphType>("dueDate").Description("ISO-8601 with an offset, e.g. `2026-12-01T17:00:00Z`.");
    }
}
