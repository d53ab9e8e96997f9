using System.Globalization;
using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// Once the document is valid and its variables coerced, prices the operation and checks its
/// authorization in one walk; registered for cached documents too, since caller and variables change the answer.
/// </summary>
public sealed class OperationPricingRule(IOptions<GraphQLOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        var analysis = OperationAnalyzer.Analyze(context.Schema, context.Document, context.Operation, context.ShouldIncludeNode, (field, name) =>
            context.ArgumentValues is { } arguments && arguments.TryGetValue(field, out var values) && values.TryGetValue(name, out var value)
                ? value.Value
                : null);
        var cost = OperationCost.Of(context.UserContext);
        cost?.Price(analysis);
        if (!Authorize(context, analysis) && TooComplex(analysis) is { } problem)
        {
            if (cost is not null)
            {
                cost.Refusal = ThrottleRefusals.TooComplex;
            }
            context.ReportError(new ValidationError(context.Document.Source, null, $"The query is too complex: {problem}.", context.Operation)
            {
                Code = ErrorCodes.QueryTooComplex,
            });
        }
        return ValueTask.FromResult<INodeVisitor?>(null);
    }

    /// <summary>Reports every guarded field the caller may not use; true when there was one.</summary>
    private static bool Authorize(ValidationContext context, OperationAnalysis analysis)
    {
        var user = context.User;
        var authenticated = user?.Identity?.IsAuthenticated == true && Actor.FromPrincipal(user) is not null;
        var denied = false;
        foreach (var (node, definition) in analysis.Guarded)
        {
            var roles = definition.GetRoles();
            if (!authenticated)
            {
                Deny(context, node, ErrorCodes.NotAuthenticated,
                    $"'{definition.Name}' needs a signed-in user: send 'Authorization: Bearer <token>' (get one with the login mutation).");
            }
            else if (roles is { Count: > 0 } && !roles.Any(role => user!.IsInRole(role)))
            {
                Deny(context, node, ErrorCodes.NotAuthorized,
                    $"'{definition.Name}' needs the role {string.Join(" or ", roles.Select(r => r.ToUpperInvariant()))}.");
            }
            else
            {
                continue;
            }
            denied = true;
        }
        return denied;
    }

    private static void Deny(ValidationContext context, GraphQLField node, string code, string message) =>
        context.ReportError(new ValidationError(context.Document.Source, null, message, node) { Code = code });

    private string? TooComplex(OperationAnalysis analysis)
    {
        var limits = options.Value;
        if (analysis.Depth > limits.MaxDepth)
        {
            return $"it nests {analysis.Depth} levels deep, more than the limit of {limits.MaxDepth}";
        }
        if (analysis.IntrospectionDepth > limits.MaxIntrospectionDepth)
        {
            return $"its introspection nests {analysis.IntrospectionDepth} levels deep, more than the limit of {limits.MaxIntrospectionDepth}";
        }
        if (analysis.Cost > limits.MaxCost)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"it costs {analysis.Cost} points, more than the limit of {limits.MaxCost} per operation (ask for smaller pages or fewer fields; extensions.cost has the price)");
        }
        return null;
    }
}
