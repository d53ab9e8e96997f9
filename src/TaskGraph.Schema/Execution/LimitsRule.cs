using System.Globalization;
using GraphQL.Validation;
using Microsoft.Extensions.Options;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Rejects a document before it runs (QUERY_TOO_COMPLEX) when it nests too deep or would resolve
/// too many fields: each selected field costs one per object it resolves on, and paged fields
/// multiply what is under them by their page size (a nested page of 100 under a page of 100 costs
/// 10,000 per field). Aliases count as fields, so aliasing cannot dodge it. Introspection has its
/// own depth limit so GraphiQL's schema query passes. Runs on cached documents too, since the cost
/// depends on the variables.
/// </summary>
public sealed class LimitsRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var limits = options.Value;
        var fields = SelectionWalker.Walk(context);
        var depth = fields.Where(f => !f.Introspection).Select(f => f.Depth).DefaultIfEmpty(0).Max();
        var introspectionDepth = fields.Where(f => f.Introspection).Select(f => f.Depth).DefaultIfEmpty(0).Max();
        var cost = fields.Sum(f => f.Multiplier);

        string? problem = null;
        if (depth > limits.MaxDepth)
        {
            problem = $"it nests {depth} levels deep, more than the limit of {limits.MaxDepth}";
        }
        else if (introspectionDepth > limits.MaxIntrospectionDepth)
        {
            problem = $"its introspection nests {introspectionDepth} levels deep, more than the limit of {limits.MaxIntrospectionDepth}";
        }
        else if (cost > limits.MaxCost)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"it could resolve {cost:0} fields, more than the limit of {limits.MaxCost} (ask for smaller pages or fewer fields)");
        }
        if (problem is not null)
        {
            context.ReportError(new ValidationError(context.Document.Source, null, $"The query is too complex: {problem}.", context.Operation)
            {
                Code = ErrorCodes.QueryTooComplex,
            });
        }
        return ValueTask.FromResult<INodeVisitor?>(null);
    }
}
