using GraphQL.Types;

namespace TaskGraph.Schema.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Reads.";
        Field<NonNullGraphType<StringGraphType>>("ping").Description("Placeholder while the schema is built.").Resolve(_ => "pong");
    }
}
