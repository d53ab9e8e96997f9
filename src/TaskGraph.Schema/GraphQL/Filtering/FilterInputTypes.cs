using GraphQL.Types;
using TaskGraph.Schema.GraphQL.Types;

namespace TaskGraph.Schema.GraphQL.Filtering;

public sealed class TaskFilterInputType : InputObjectGraphType
{
    public TaskFilterInputType()
    {
        Name = "TaskFilterInput";
        Description = "Which tasks to list. Conditions on several fields must all hold; `and`/`or` combine whole filters (nested up to 5 deep, 50 conditions in all).";
        Field<ListGraphType<NonNullGraphType<TaskFilterInputType>>>("and").Description("Every one of these filters holds.");
        Field<ListGraphType<NonNullGraphType<TaskFilterInputType>>>("or").Description("At least one of these filters holds.");
        Field<StringOperationFilterInputType>("title").Description("Conditions on the title.");
        Field<StringOperationFilterInputType>("description").Description("Conditions on the description (tasks without one never `contain` or `startsWith` anything).");
        Field<BooleanOperationFilterInputType>("completed").Description("Conditions on whether the task is done.");
        Field<PriorityOperationFilterInputType>("priority").Description("Conditions on the priority (LOW < MEDIUM < HIGH).");
        Field<DateTimeOperationFilterInputType>("dueDate").Description("Conditions on the due date (`eq: null` finds tasks without one).");
        Field<DateTimeOperationFilterInputType>("createdAt").Description("Conditions on the creation time.");
        Field<DateTimeOperationFilterInputType>("updatedAt").Description("Conditions on the last change time.");
        Field<IdOperationFilterInputType>("ownerId").Description("Conditions on the owner's id. Users only ever see their own tasks, so this is mostly for admins.");
    }
}

public sealed class StringOperationFilterInputType : InputObjectGraphType
{
    public StringOperationFilterInputType()
    {
        Name = "StringOperationFilterInput";
        Description = "Conditions on a text field. `eq`, `neq`, `in` and `nin` compare exactly; `contains` and `startsWith` ignore case.";
        Field<StringGraphType>("eq").Description("Equal to (null: has no value).");
        Field<StringGraphType>("neq").Description("Not equal to (null: has a value).");
        Field<ListGraphType<StringGraphType>>("in").Description("Equal to one of these (at most 100).");
        Field<ListGraphType<StringGraphType>>("nin").Description("Equal to none of these (at most 100).");
        Field<StringGraphType>("contains").Description("Contains this text, ignoring case.");
        Field<StringGraphType>("startsWith").Description("Starts with this text, ignoring case.");
    }
}

public sealed class BooleanOperationFilterInputType : InputObjectGraphType
{
    public BooleanOperationFilterInputType()
    {
        Name = "BooleanOperationFilterInput";
        Description = "Conditions on a true/false field.";
        Field<BooleanGraphType>("eq").Description("Equal to.");
        Field<BooleanGraphType>("neq").Description("Not equal to.");
    }
}

/// <summary>The comparison operators of dates, ids and priorities, over one scalar or enum type.</summary>
public abstract class ComparableOperationFilterInputType<TValueType> : InputObjectGraphType
    where TValueType : IGraphType
{
    protected ComparableOperationFilterInputType(string name, string what)
    {
        Name = name;
        Description = $"Conditions on {what}.";
        Field<TValueType>("eq").Description("Equal to (null: has no value).");
        Field<TValueType>("neq").Description("Not equal to (null: has a value).");
        Field<TValueType>("gt").Description("Greater than (later than, for dates).");
        Field<TValueType>("gte").Description("Greater than or equal to.");
        Field<TValueType>("lt").Description("Less than (earlier than, for dates).");
        Field<TValueType>("lte").Description("Less than or equal to.");
        Field<ListGraphType<NonNullGraphType<TValueType>>>("in").Description("Equal to one of these (at most 100).");
    }
}

public sealed class DateTimeOperationFilterInputType() : ComparableOperationFilterInputType<DateTimeGraphType>("DateTimeOperationFilterInput", "a date and time (ISO-8601 with an offset)");

public sealed class IdOperationFilterInputType() : ComparableOperationFilterInputType<IdGraphType>("IdOperationFilterInput", "an id");

public sealed class PriorityOperationFilterInputType() : ComparableOperationFilterInputType<PriorityType>("PriorityOperationFilterInput", "a priority (LOW < MEDIUM < HIGH)");

public sealed class TaskSortInputType : InputObjectGraphType
{
    public TaskSortInputType()
    {
        Name = "TaskSortInput";
        Description = "One sort key: set one field per entry; several entries apply in order, and ties always break by id. Titles sort ignoring case; tasks without a due date come last.";
        Field<SortEnumType>("title").Description("By title, ignoring case.");
        Field<SortEnumType>("createdAt").Description("By creation time.");
        Field<SortEnumType>("updatedAt").Description("By last change time.");
        Field<SortEnumType>("dueDate").Description("By due date; tasks without one come last.");
        Field<SortEnumType>("priority").Description("By priority, LOW < MEDIUM < HIGH.");
        Field<SortEnumType>("completed").Description("Open (false) before done (true) when ascending.");
    }
}
