using GraphQL.Types;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema.Filtering;

public sealed class TaskSortInputType : InputObjectGraphType
{
    public TaskSortInputType()
    {
        Name = "TaskSortInput";
        Description = "One sort key: set one field per entry; up to 5 entries apply in order, each field at most once, and ties always break by id. Titles sort ignoring case; tasks without a due date come last.";
        Field<SortEnumType>("title").Description("By title, ignoring case.");
        Field<SortEnumType>("createdAt").Description("By creation time.");
        Field<SortEnumType>("updatedAt").Description("By last change time.");
        Field<SortEnumType>("dueDate").Description("By due date; tasks without one come last.");
        Field<SortEnumType>("priority").Description("By priority, LOW < MEDIUM < HIGH.");
        Field<SortEnumType>("completed").Description("Open (false) before done (true) when ascending.");
    }
}
