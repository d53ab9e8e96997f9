using GraphQL.Validation;
using GraphQLParser.AST;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL;

/// <summary>The error of <see cref="QueriesOnlyOverGetRule"/>; its type is what maps it to 405.</summary>
public sealed class NonQueryOverGetError : ValidationError
{
    public NonQueryOverGetError(GraphQLParser.ROM source, GraphQLOperationDefinition operation)
        : base(source, null, $"Only query operations can be sent with GET; send this {operation.Operation.ToString().ToLowerInvariant()} with POST.", operation)
    {
        Code = ErrorCodes.BadRequest;
    }
}
