using GraphQL.Types;

namespace TaskGraph.Schema.Filtering;

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
