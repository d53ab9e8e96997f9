using GraphQL.Types;
using TaskGraph.Core.Jokes;

namespace TaskGraph.Schema.Types;

public sealed class JokeType : ObjectGraphType<Joke>
{
    public JokeType()
    {
        Name = "Joke";
        Description = "A random joke from the external joke service.";
        Field<NonNullGraphType<IntGraphType>>("id").Description("The joke service's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("type").Description("Its category, e.g. `general` or `programming`.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<StringGraphType>>("setup").Description("The question.").Resolve(c => c.Source.Setup);
        Field<NonNullGraphType<StringGraphType>>("punchline").Description("The answer.").Resolve(c => c.Source.Punchline);
    }
}
