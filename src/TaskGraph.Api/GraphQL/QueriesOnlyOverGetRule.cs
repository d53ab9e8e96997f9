using GraphQL.Validation;
using GraphQLParser.AST;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Rejects a mutation (or subscription) selected by a GET request; the endpoint answers it 405. A
/// validation rule rather than a parse in the endpoint, because only the executer knows which
/// operation <c>operationName</c> selects, and the document may come from a cache without being
/// parsed again: the endpoint adds the rule to both the normal and the cached-document rule sets.
/// </summary>
public sealed class QueriesOnlyOverGetRule : ValidationRuleBase
{
    public static readonly QueriesOnlyOverGetRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new NonQueryOverGetError(context.Document.Source, context.Operation));
        }
        return default;
    }
}
