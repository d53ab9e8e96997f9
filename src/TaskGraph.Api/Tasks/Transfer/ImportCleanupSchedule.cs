using Hangfire;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>Schedules the hourly tidy-up of imports (abandoned uploads deleted, stalled ones enqueued again) as a Hangfire recurring job: one run an hour however many instances register it.</summary>
public sealed class ImportCleanupSchedule(IRecurringJobManager recurring) : IHostedService
{
    public const string RecurringJobId = "import-cleanup";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<UnfinishedImports>(RecurringJobId, imports => imports.TidyAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
