using System.Diagnostics.Metrics;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Observability;

/// <summary>
/// The app's own instruments (request counts and latency come from ASP.NET Core's built-in
/// <c>http.server.request.duration</c> histogram, by route and status).
/// </summary>
public sealed class TaskGraphMetrics
{
    public const string MeterName = TaskGraphMeter.Name;

    public TaskGraphMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        RateLimitRejections = meter.CreateCounter<long>("taskgraph.rate_limit.rejections", description: "Requests answered 429 by the rate limiter.");
        CacheLookups = meter.CreateCounter<long>("taskgraph.cache.lookups", description: "Task page cache lookups, tagged result=hit|miss and face=rest|graphql.");
        GraphQLOperations = meter.CreateCounter<long>("taskgraph.graphql.operations", description: "GraphQL operations executed, tagged type, outcome and transport.");
        GraphQLCost = meter.CreateCounter<long>("taskgraph.graphql.cost", "{point}", "GraphQL cost points spent by executed operations (actualQueryCost).");
        GraphQLCostRefusals = meter.CreateCounter<long>("taskgraph.graphql.cost.refusals", description: "GraphQL operations refused before running, tagged reason=too_complex|budget|login_attempts.");
        Subscriptions = meter.CreateUpDownCounter<long>("taskgraph.subscriptions.active", description: "Open GraphQL subscriptions, tagged transport=websocket|sse.");
        SubscriptionEvents = meter.CreateCounter<long>("taskgraph.subscriptions.events", description: "Subscription results sent to clients, tagged transport.");
        SubscriptionRejections = meter.CreateCounter<long>("taskgraph.subscriptions.rejections", description: "Operations refused by a subscription limit, tagged limit=connection|user|rate.");
        WebSocketConnections = meter.CreateUpDownCounter<long>("taskgraph.websocket.connections", description: "Open graphql-transport-ws connections.");
        Jobs = meter.CreateCounter<long>("taskgraph.jobs", description: "Background jobs entering a state, tagged state=enqueued|succeeded|failed and job (its class).");
        WebhookDeliveries = meter.CreateCounter<long>("taskgraph.webhooks.deliveries", description: "Webhook delivery attempts, tagged outcome=delivered|failed|gone|refused.");
        WebhookAttemptDuration = meter.CreateHistogram<double>("taskgraph.webhooks.attempt.duration", "s", "How long each webhook delivery attempt took, tagged outcome.");
        WebhookDeliveryLag = meter.CreateHistogram<double>("taskgraph.webhooks.delivery.lag", "s", "From a task change to its successful delivery to a webhook, retries included.");
        WebSocketCloses = meter.CreateCounter<long>("taskgraph.websocket.closes", description: "WebSocket connections the server closed, tagged code (1013: slow consumer, 1009: message too big, 44xx: protocol).");
        RedisFailures = meter.CreateCounter<long>("taskgraph.redis.failures", description: "Redis calls that failed or timed out and were answered in this process instead, tagged operation.");
    }

    public Counter<long> RateLimitRejections { get; }

    public Counter<long> CacheLookups { get; }

    public Counter<long> GraphQLOperations { get; }

    public Counter<long> GraphQLCost { get; }

    public Counter<long> GraphQLCostRefusals { get; }

    public UpDownCounter<long> Subscriptions { get; }

    public Counter<long> SubscriptionEvents { get; }

    public Counter<long> SubscriptionRejections { get; }

    public UpDownCounter<long> WebSocketConnections { get; }

    public Counter<long> WebSocketCloses { get; }

    public Counter<long> RedisFailures { get; }

    public Counter<long> Jobs { get; }

    public Counter<long> WebhookDeliveries { get; }

    public Histogram<double> WebhookAttemptDuration { get; }

    public Histogram<double> WebhookDeliveryLag { get; }
}
