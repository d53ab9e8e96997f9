namespace TaskGraph.Core.Webhooks;

/// <summary>One attempt to deliver one event to one webhook: the deliveries log.</summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int WebhookId { get; set; }

    public long EventId { get; set; }

    /// <summary>1 for the first try, 2 for the first retry, and so on.</summary>
    public int Attempt { get; set; }

    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>The receiver's HTTP status; null when there was no response (refused address, network error, timeout).</summary>
    public int? ResponseStatus { get; set; }

    public int DurationMs { get; set; }

    public DateTime AttemptedAt { get; set; }

    /// <summary>When the next attempt is due; null when there is none (delivered, disabled, or out of retries).</summary>
    public DateTime? NextRetryAt { get; set; }

    /// <summary>Why it failed, for the owner (never the response body).</summary>
    public string? Error { get; set; }
}
