using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TaskGraph.Core.Reminders;

/// <summary>
/// Runs the reminder scan and the e-mail outbox on every instance, each on its own timer so a slow or
/// absent SMTP server never holds up the scan. Running everywhere is safe (both are exactly-once in
/// the database) and means no single instance has to stay up for reminders to fire.
/// </summary>
public sealed partial class ReminderSchedule(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<ReminderOptions> options, IOptions<SmtpOptions> smtp, ILogger<ReminderSchedule> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ScanInterval;
        var scan = RepeatAsync("scan", interval, (ReminderScan s, CancellationToken ct) => s.RunAsync(ct), stoppingToken);
        return smtp.Value.IsEnabled
            ? Task.WhenAll(scan, RepeatAsync("e-mail", interval, (ReminderMailer m, CancellationToken ct) => m.SendDueAsync(ct), stoppingToken))
            : scan;
    }

    private async Task RepeatAsync<TWork>(string name, TimeSpan interval, Func<TWork, CancellationToken, Task<int>> work, CancellationToken stoppingToken)
        where TWork : notnull
    {
        using var timer = new PeriodicTimer(interval, time);
        var failing = false;
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await work(scope.ServiceProvider.GetRequiredService<TWork>(), stoppingToken);
                failing = false;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is down or failing: the next tick tries again; warn once per outage.
                if (!failing)
                {
                    failing = true;
                    LogPassFailed(logger, name, exception);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {Pass} pass failed; retrying every interval.")]
    private static partial void LogPassFailed(ILogger logger, string pass, Exception exception);
}
