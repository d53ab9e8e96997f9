using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>Bound from section <c>Subscriptions</c>: the limits of GraphQL over WebSocket and Server-Sent Events.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "Subscriptions";

    /// <summary>Operations (subscriptions, and queries or mutations still running) one WebSocket may have open.</summary>
    [Range(1, 1000)]
    public int MaxOperationsPerConnection { get; set; } = 25;

    /// <summary>Subscriptions one user may have open on one instance, over all their connections.</summary>
    [Range(1, 10_000)]
    public int MaxSubscriptionsPerUser { get; set; } = 100;

    /// <summary>The largest message a client may send over the WebSocket; larger ones close it with 1009.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>How long a new WebSocket may wait before sending connection_init (then 4408).</summary>
    [Range(1, 300)]
    public int ConnectionInitTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Messages waiting to be sent to one client; a client that lets more pile up is a slow consumer and
    /// is closed with 1013. Subscriptions hold back before that (<see cref="MaxInFlightEvents"/>).
    /// </summary>
    [Range(8, 100_000)]
    public int SendQueueLength { get; set; } = 256;

    /// <summary>Events of one subscription that may be executing or waiting to be sent; the rest wait in its buffer (Events:SubscriberBufferSize).</summary>
    [Range(1, 1000)]
    public int MaxInFlightEvents { get; set; } = 8;

    /// <summary>Idle connections get a WebSocket ping frame (or an SSE comment) this often, so proxies keep them open and dead peers are noticed.</summary>
    [Range(1, 3600)]
    public int KeepAliveSeconds { get; set; } = 20;
}
