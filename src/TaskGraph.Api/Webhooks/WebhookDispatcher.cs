using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>
/// Follows the event log for webhooks: reads the events after the stored position (the
/// <c>webhooks</c> row of <c>event_cursors</c>), enqueues one <see cref="WebhookDeliveryJob"/> per
/// event and webhook that wants it, then moves the position. One instance at a time does it, the
/// holder of the row's lease (renewed as it goes, taken over when it lapses), so the log is read once
/// however many instances run. A crash between enqueueing and moving the position enqueues those
/// deliveries again on the next read: the job recognises them (same message id, delivered once).
/// Woken by commits like the subscription dispatcher, with a periodic read as the safety net.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes, TaskEventSignal signal, TaskEventHub hub, IBackgroundJobClient jobs, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger)
    : EventLogFollower(signal, logger)
{
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private long _handledUpTo = -1;

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);

    protected override string Name => "webhooks";

    /// <summary>Hands the lease back, so the next instance (or this one restarted) carries on at once.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await Cursor(scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>())
                .Where(c => c.LeasedBy == _instance)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.LeasedBy, (string?)null).SetProperty(c => c.LeasedUntil, (DateTime?)null), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The lease lapses by itself.
        }
    }

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            // The subscription dispatcher already follows the log: while it has seen nothing newer, this one reads nothing at all.
            var latest = hub.Position;
            if (latest <= _handledUpTo)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
            var log = scope.ServiceProvider.GetRequiredService<TaskEventLog>();
            var position = await Cursor(db).Select(c => c.Position).SingleAsync(cancellationToken);
            if (latest <= position)
            {
                _handledUpTo = position;
                return;
            }
            if (!await TryLeaseAsync(db, cancellationToken))
            {
                return;
            }
            position = await Cursor(db).Select(c => c.Position).SingleAsync(cancellationToken);
            var events = await log.ReadAfterAsync(position, batchSize, cancellationToken);
            if (events.Count == 0)
            {
                return;
            }
            var owners = events.Select(e => e.OwnerId).Distinct().ToList();
            var webhooks = await db.Webhooks.AsNoTracking()
                .Where(w => owners.Contains(w.OwnerId) && w.DisabledAt == null)
                .ToListAsync(cancellationToken);
            foreach (var change in events)
            {
                foreach (var webhook in webhooks.Where(w => w.OwnerId == change.OwnerId && w.Receives(change)))
                {
                    var (webhookId, eventId) = (webhook.Id, change.Id);
                    jobs.Enqueue<WebhookDeliveryJob>(job => job.DeliverAsync(webhookId, eventId, CancellationToken.None));
                }
            }
            var leasedUntil = LeaseEnd();
            var moved = await Cursor(db)
                .Where(c => c.LeasedBy == _instance && c.Position == position)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.Position, events[^1].Id).SetProperty(c => c.LeasedUntil, leasedUntil), cancellationToken);
            if (moved == 0)
            {
                return; // lost the lease meanwhile: another instance carries on
            }
            if (events.Count < batchSize)
            {
                _handledUpTo = events[^1].Id;
                return;
            }
        }
    }

    private async Task<bool> TryLeaseAsync(TaskGraphDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leasedUntil = LeaseEnd();
        return await Cursor(db)
            .Where(c => c.LeasedBy == null || c.LeasedBy == _instance || c.LeasedUntil < now)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.LeasedBy, _instance).SetProperty(c => c.LeasedUntil, leasedUntil), cancellationToken) == 1;
    }

    private DateTime LeaseEnd() => time.GetUtcNow().UtcDateTime.AddSeconds(options.Value.LeaseSeconds);

    private static IQueryable<EventCursor> Cursor(TaskGraphDbContext db) => db.EventCursors.Where(c => c.Name == EventCursor.Webhooks);
}
