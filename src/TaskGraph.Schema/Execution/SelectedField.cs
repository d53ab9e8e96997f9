using GraphQL.Types;
using GraphQLParser.AST;

namespace TaskGraph.Schema.Execution;

/// <summary>One field the operation selects, where it sits, and how many times it will resolve at most.</summary>
public sealed record SelectedField(GraphQLField Node, FieldType Definition, int Depth, bool Introspection, double Multiplier);
