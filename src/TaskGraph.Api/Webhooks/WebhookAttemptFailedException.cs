namespace TaskGraph.Api.Webhooks;

/// <summary>Ends a delivery job whose attempt failed: <see cref="WebhookRetryFilter"/> schedules the retry at <see cref="NextRetryAt"/>; null leaves the job failed.</summary>
public sealed class WebhookAttemptFailedException(string message, DateTime? nextRetryAt) : Exception(message)
{
    public DateTime? NextRetryAt { get; } = nextRetryAt;
}
