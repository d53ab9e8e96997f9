using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using TaskGraph.Core.Auth;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Enforces the schema's authorization metadata (<c>Authorize()</c>, <c>AuthorizeWithRoles</c>)
/// before anything executes: a field that needs a user gets AUTH_NOT_AUTHENTICATED for an anonymous
/// caller, a field that needs a role gets AUTH_NOT_AUTHORIZED for a caller without it. Runs on cached
/// documents too, since the same document is sent by different callers.
/// </summary>
public sealed class AuthorizationRule : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var user = context.User;
        var authenticated = user?.Identity?.IsAuthenticated == true && Actor.FromPrincipal(user) is not null;
        var reported = new HashSet<GraphQLField>();
        foreach (var field in SelectionWalker.Walk(context))
        {
            var definition = field.Definition;
            var roles = definition.GetRoles();
            if (!definition.IsAuthorizationRequired() && roles is not { Count: > 0 })
            {
                continue;
            }
            if (!authenticated)
            {
                Report(context, field.Node, reported, ErrorCodes.NotAuthenticated,
                    $"'{definition.Name}' needs a signed-in user: send 'Authorization: Bearer <token>' (get one with the login mutation).");
            }
            else if (roles is { Count: > 0 } && !roles.Any(role => user!.IsInRole(role)))
            {
                Report(context, field.Node, reported, ErrorCodes.NotAuthorized,
                    $"'{definition.Name}' needs the role {string.Join(" or ", roles.Select(r => r.ToUpperInvariant()))}.");
            }
        }
        return ValueTask.FromResult<INodeVisitor?>(null);
    }

    private static void Report(ValidationContext context, GraphQLField node, HashSet<GraphQLField> reported, string code, string message)
    {
        // A fragment spread twice visits its fields twice: one error per field node.
        if (reported.Add(node))
        {
            context.ReportError(new ValidationError(context.Document.Source, null, message, node) { Code = code });
        }
    }
}
