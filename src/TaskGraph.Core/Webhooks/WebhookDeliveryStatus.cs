namespace TaskGraph.Core.Webhooks;

/// <summary>How one attempt ended; on the wire <c>delivered</c>, <c>failed</c>, <c>refused</c>.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Any other answer, a network error or a timeout.</summary>
    Failed,

    /// <summary>Not sent: the URL resolved to an address webhooks may not reach.</summary>
    Refused,
}
