using System.Security.Claims;
using GraphQL;
using GraphQL.Transport;
using TaskGraph.Api.Observability;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Runs one GraphQL operation for every transport — HTTP, WebSocket and Server-Sent Events — with
/// the same executer and the same options, so whatever validation rules and listeners the schema
/// registers apply to all of them alike; and counts it in /metrics.
/// </summary>
public sealed class GraphQLExecution(IDocumentExecuter<TaskGraphSchema> executer, TaskGraphMetrics metrics)
{
    /// <param name="request">The operation as the client sent it.</param>
    /// <param name="user">The caller (anonymous when unauthenticated).</param>
    /// <param name="services">The scope the operation resolves services from.</param>
    /// <param name="transport">"http", "websocket" or "sse", for the metric.</param>
    /// <param name="configure">Transport-specific additions (extra rules, user context).</param>
    /// <param name="cancellationToken">Ends the operation.</param>
    public async Task<ExecutionResult> ExecuteAsync(
        GraphQLRequest request, ClaimsPrincipal user, IServiceProvider services, string transport, Action<ExecutionOptions>? configure, CancellationToken cancellationToken)
    {
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.User = user;
            options.RequestServices = services;
            options.CancellationToken = cancellationToken;
            configure?.Invoke(options);
        });
        Record(result, transport);
        return result;
    }

    /// <summary>One count per operation the executer saw: its type (unknown when it failed before one was selected), outcome, first error code.</summary>
    private void Record(ExecutionResult result, string transport)
    {
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var firstError = result.Errors is { Count: > 0 } errors ? errors[0] : null;
        metrics.GraphQLOperations.Add(1,
            new KeyValuePair<string, object?>("type", type),
            new KeyValuePair<string, object?>("outcome", firstError is null ? "success" : "error"),
            new KeyValuePair<string, object?>("error_code", firstError?.Code ?? "none"),
            new KeyValuePair<string, object?>("transport", transport));
    }
}
