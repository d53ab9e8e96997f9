using GraphQL.Types;

namespace TaskGraph.Schema.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Writes.";
        Field<NonNullGraphType<StringGraphType>>("ping").Description("Placeholder while the schema is built.").Resolve(_ => "pong");
    }
}
