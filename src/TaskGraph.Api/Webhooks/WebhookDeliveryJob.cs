using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Observability;
using TaskGraph.Core.Data;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>
/// Delivers one event to one webhook: a Hangfire job, enqueued by <see cref="WebhookDispatcher"/>.
/// Each attempt is logged in <c>webhook_deliveries</c>; a failed one ends the job with
/// <see cref="WebhookAttemptFailedException"/>, which <see cref="WebhookRetryFilter"/> turns into the
/// scheduled retry. The message id depends only on the webhook and the event, so a repeat — a retry,
/// a job run again after a crash, a second enqueue — is the same message to the receiver, and an
/// event already delivered is not sent again.
/// </summary>
public sealed class WebhookDeliveryJob(
    TaskGraphDbContext db, WebhookSecrets secrets, WebhookSender sender, IOptions<WebhookOptions> options, TaskGraphMetrics metrics, TimeProvider time)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(int webhookId, long eventId, CancellationToken cancellationToken)
    {
        var webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == webhookId, cancellationToken);
        var change = await db.TaskEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (webhook is not { Active: true } || change is null)
        {
            return; // deleted or disabled since it was queued (or its owner is gone)
        }
        var earlier = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.WebhookId == webhookId && d.EventId == eventId)
            .Select(d => new { d.Status, d.Attempt })
            .ToListAsync(cancellationToken);
        if (earlier.Any(d => d.Status == WebhookDeliveryStatus.Delivered))
        {
            return;
        }
        var attemptNumber = earlier.Count == 0 ? 1 : earlier.Max(d => d.Attempt) + 1;

        var attempt = await sender.SendAsync(new Uri(webhook.Url), WebhookPayload.MessageId(eventId, webhookId), secrets.Unprotect(webhook.ProtectedSecret), WebhookPayload.Serialize(change), cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var delays = options.Value.RetrySchedule;
        var retries = attempt.Status != WebhookDeliveryStatus.Delivered && !attempt.Gone && attemptNumber <= delays.Count;
        var nextRetryAt = retries ? now.AddSeconds(delays[attemptNumber - 1]) : (DateTime?)null;
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            WebhookId = webhookId,
            EventId = eventId,
            Attempt = attemptNumber,
            Status = attempt.Status,
            ResponseStatus = attempt.ResponseStatus,
            DurationMs = (int)Math.Min(int.MaxValue, attempt.Duration.TotalMilliseconds),
            AttemptedAt = now,
            NextRetryAt = nextRetryAt,
            Error = attempt.Error,
        });
        // The attempt happened: record it even if the instance is stopping meanwhile.
        await db.SaveChangesAsync(CancellationToken.None);
        if (attempt.Gone)
        {
            await db.Webhooks.Where(w => w.Id == webhookId).ExecuteUpdateAsync(
                set => set.SetProperty(w => w.DisabledAt, now).SetProperty(w => w.DisabledReason, "The receiver answered 410 Gone."), CancellationToken.None);
        }
        Record(attempt, change.OccurredAt, now);

        if (attempt.Status != WebhookDeliveryStatus.Delivered && !attempt.Gone)
        {
            throw new WebhookAttemptFailedException(attempt.Error ?? "The attempt failed.", nextRetryAt);
        }
    }

    private void Record(WebhookAttempt attempt, DateTime occurredAt, DateTime now)
    {
        var outcome = attempt.Gone ? "gone" : attempt.Status.ToString().ToLowerInvariant();
        metrics.WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        metrics.WebhookAttemptDuration.Record(attempt.Duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
        if (attempt.Status == WebhookDeliveryStatus.Delivered)
        {
            metrics.WebhookDeliveryLag.Record(Math.Max(0, (now - occurredAt).TotalSeconds));
        }
    }
}
