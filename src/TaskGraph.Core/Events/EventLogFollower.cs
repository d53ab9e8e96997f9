using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TaskGraph.Core.Events;

/// <summary>
/// A background reader of the event log: runs a pass at every wake-up of <see cref="TaskEventSignal"/>
/// and at least every poll interval, which catches whatever a lost wake-up missed. A failing pass
/// (the database is down) is retried at the next wake-up or poll and warned about once per outage.
/// </summary>
public abstract partial class EventLogFollower(TaskEventSignal signal, ILogger logger) : BackgroundService
{
    private bool _failing;

    /// <summary>The longest wait between two passes without a wake-up.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>What this follower is, for its log lines ("the subscription dispatcher").</summary>
    protected abstract string Name { get; }

    /// <summary>Reads what is new since the last pass and acts on it.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the pass, so a commit during the pass wakes the next one.
            var woken = signal.Next;
            try
            {
                await RunPassAsync(stoppingToken);
                if (_failing)
                {
                    _failing = false;
                    LogRecovered(logger, Name);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (!_failing)
                {
                    _failing = true;
                    LogPassFailed(logger, Name, PollInterval.TotalMilliseconds, exception);
                }
            }
            try
            {
                await woken.WaitAsync(PollInterval, stoppingToken);
            }
            catch (TimeoutException)
            {
                // no wake-up: read anyway
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the task event log for {Follower} failed; retrying every {IntervalMilliseconds} ms. No event is skipped.")]
    private static partial void LogPassFailed(ILogger logger, string follower, double intervalMilliseconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the task event log for {Follower} works again.")]
    private static partial void LogRecovered(ILogger logger, string follower);
}
