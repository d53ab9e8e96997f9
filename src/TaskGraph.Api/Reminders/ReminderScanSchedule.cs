using Hangfire;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

/// <summary>
/// Registers (or updates) the scan's recurring job at start-up. Every instance does, harmlessly: the
/// job is one entry in the shared storage, and Hangfire enqueues each occurrence once.
/// </summary>
public sealed class ReminderScanSchedule(IRecurringJobManager recurring, IOptions<ReminderOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<ReminderScanJob>(
            ReminderScanJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            ReminderScanJob.Cron(options.Value.ScanIntervalSeconds),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
