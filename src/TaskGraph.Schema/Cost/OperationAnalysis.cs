using GraphQL.Types;
using GraphQLParser.AST;

namespace TaskGraph.Schema.Cost;

/// <summary>What one walk over the selected operation found: its price, how deep it goes, what needs authorization.</summary>
/// <param name="Cost">Points, as the README's cost table has them.</param>
/// <param name="Depth">Deepest nesting of ordinary fields (root fields are 1).</param>
/// <param name="IntrospectionDepth">Deepest nesting that ends in introspection.</param>
/// <param name="LoginAttempts">Password-checking fields (login, register) the operation would run.</param>
/// <param name="Guarded">Fields with authorization metadata, each field node once.</param>
/// <param name="Pages">Each connection field node with its page size and the points of one item.</param>
/// <param name="Steps">Selections visited; linear in the document's size (the linearity test reads it).</param>
internal sealed record OperationAnalysis(
    long Cost,
    int Depth,
    int IntrospectionDepth,
    int LoginAttempts,
    IReadOnlyList<(GraphQLField Node, FieldType Definition)> Guarded,
    IReadOnlyDictionary<GraphQLField, PageCost> Pages,
    int Steps);
