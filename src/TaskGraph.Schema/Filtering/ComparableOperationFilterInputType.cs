using GraphQL.Types;

namespace TaskGraph.Schema.Filtering;

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
