using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>How one HTTP attempt ended: its status, the receiver's HTTP status if it answered, how long it took, and why it failed.</summary>
public sealed record WebhookAttempt(WebhookDeliveryStatus Status, int? ResponseStatus, TimeSpan Duration, string? Error)
{
    /// <summary>The receiver answered 410: the webhook is to be disabled, with no retry.</summary>
    public bool Gone => ResponseStatus == StatusCodes.Status410Gone;
}
