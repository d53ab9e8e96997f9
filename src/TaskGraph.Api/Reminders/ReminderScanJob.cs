using Hangfire;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

/// <summary>The reminder scan as a Hangfire recurring job: each occurrence runs on one instance.</summary>
public sealed class ReminderScanJob(ReminderScan scan)
{
    /// <summary>The scan's id among the recurring jobs (dashboard, storage).</summary>
    public const string RecurringJobId = "reminders-scan";

    /// <summary>Hangfire's cron for a scan every <paramref name="intervalSeconds"/> (a divisor of 60): the six-part form, whose first field is seconds.</summary>
    public static string Cron(int intervalSeconds) => $"*/{intervalSeconds} * * * * *";

    // Not retried: the next occurrence, seconds later, is the retry; a failed one is logged and deleted.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunAsync(CancellationToken cancellationToken) => scan.RunAsync(cancellationToken);
}
