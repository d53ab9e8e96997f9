using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>One attempt in a webhook's deliveries log.</summary>
public sealed record WebhookDeliveryResponse(
    long Id, long EventId, string MessageId, string Status, int? ResponseStatus, int Attempt, int DurationMs, DateTime AttemptedAt, DateTime? NextRetryAt, string? Error)
{
    public static WebhookDeliveryResponse From(WebhookDelivery delivery) => new(
        delivery.Id,
        delivery.EventId,
        WebhookPayload.MessageId(delivery.EventId, delivery.WebhookId),
        delivery.Status.ToString().ToLowerInvariant(),
        delivery.ResponseStatus,
        delivery.Attempt,
        delivery.DurationMs,
        delivery.AttemptedAt,
        delivery.NextRetryAt,
        delivery.Error);
}
