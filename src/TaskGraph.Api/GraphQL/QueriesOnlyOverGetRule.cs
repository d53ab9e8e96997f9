using GraphQL.Validation;
using GraphQLParser.AST;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Rejects a mutation (or subscription) selected by a GET request, answered 405. A validation rule
/// because only the executer knows which operation is selected, even for a document from the cache.
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
