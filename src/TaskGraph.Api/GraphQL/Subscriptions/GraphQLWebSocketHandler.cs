using System.Net.WebSockets;
using GraphQL;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Auth;
using TaskGraph.Api.Observability;
using TaskGraph.Api.RateLimiting;
using TaskGraph.Core.Auth;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>
/// GraphQL over WebSocket at <c>/graphql</c> with the <c>graphql-transport-ws</c> subprotocol (the
/// graphql-ws npm client's): accepts the socket and runs a <see cref="GraphQLWebSocketConnection"/>.
/// Holds what every connection shares.
/// </summary>
public sealed class GraphQLWebSocketHandler(
    GraphQLExecution execution,
    SubscriptionLimiter limiter,
    IOptions<SubscriptionOptions> options,
    BearerTokens tokens,
    IGraphQLTextSerializer serializer,
    TaskGraphMetrics metrics,
    IServiceScopeFactory scopes,
    IRateLimitStore rateLimits,
    RateLimitPaths rateLimitPaths,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<GraphQLWebSocketHandler> logger)
{
    public const string SubProtocol = "graphql-transport-ws";

    /// <summary>How long a closing handshake may take before the socket is dropped.</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    internal GraphQLExecution Execution => execution;

    internal SubscriptionLimiter Limiter => limiter;

    internal SubscriptionOptions Options => options.Value;

    internal BearerTokens Tokens => tokens;

    internal IGraphQLTextSerializer Serializer => serializer;

    internal TaskGraphMetrics Metrics => metrics;

    internal IServiceScopeFactory Scopes => scopes;

    internal CancellationToken Stopping => lifetime.ApplicationStopping;

    internal TimeProvider Time => time;

    internal ILogger Logger => logger;

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            // The graphql-ws server does the same: accept, then say why in the close frame.
            using var rejected = await context.WebSockets.AcceptWebSocketAsync();
            using var timeout = new CancellationTokenSource(CloseTimeout);
            try
            {
                await rejected.CloseAsync(GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable, $"Subprotocol not acceptable: use {SubProtocol}", timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // the client went away first
            }
            return;
        }
        var keepAlive = TimeSpan.FromSeconds(Options.KeepAliveSeconds);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = SubProtocol,
            KeepAliveInterval = keepAlive,
            KeepAliveTimeout = keepAlive,
        });
        metrics.WebSocketConnections.Add(1);
        try
        {
            using var connection = new GraphQLWebSocketConnection(this, socket, context);
            await connection.RunAsync();
        }
        finally
        {
            metrics.WebSocketConnections.Add(-1);
        }
    }

    /// <summary>
    /// Each operation over a socket counts against the caller's request limit as one request over
    /// HTTP would; null when allowed, else the error to answer with.
    /// </summary>
    internal async Task<ExecutionError?> RateLimitAsync(Actor caller, CancellationToken cancellationToken)
    {
        if (rateLimitPaths.For(GraphiQLMiddleware.EndpointPath) is not { } policy
            || await rateLimits.AcquireAsync(ClientKeys.For(caller, address: null, keyByUser: true), policy, 1, cancellationToken) is not { Allowed: false } decision)
        {
            return null;
        }
        metrics.RateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy.Name));
        metrics.SubscriptionRejections.Add(1, new KeyValuePair<string, object?>("limit", "rate"));
        var seconds = RateLimitingMiddleware.Seconds(decision.ResetAfter, policy);
        return new ExecutionError($"Rate limit exceeded: at most {policy.Limit} requests per {(long)policy.Period.TotalSeconds} seconds. Try again in {seconds} seconds.")
        {
            Code = ErrorCodes.RateLimited,
            Extensions = new Dictionary<string, object?> { ["retryAfter"] = seconds },
        };
    }
}
