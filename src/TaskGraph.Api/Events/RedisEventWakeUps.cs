using StackExchange.Redis;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Events;

/// <summary>
/// Carries "the event log has something new" between instances over Redis pub/sub: published after
/// each commit here, and turned into this instance's <see cref="TaskEventSignal"/> when another
/// instance publishes. Only a wake-up: every instance reads the events from the log itself, so a
/// lost message (Redis down, an instance killed right after its commit) costs one poll interval at most.
/// </summary>
public sealed class RedisEventWakeUps(RedisConnection redis, TaskEventSignal signal) : BackgroundService, ITaskChangeListener
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    private RedisChannel Channel => RedisChannel.Literal($"{redis.KeyPrefix}task-events");

    public async Task TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }
        if (!redis.IsConnected)
        {
            redis.ReportFailure("event wake-up", exception: null);
            return;
        }
        try
        {
            await redis.Multiplexer!.GetSubscriber().PublishAsync(Channel, change.Id);
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("event wake-up", exception);
        }
    }

    /// <summary>Subscribes once Redis answers; the multiplexer then restores the subscription after every reconnect.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (redis.Multiplexer is not { } multiplexer)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, _) => signal.Raise());
                return;
            }
            catch (Exception exception) when (RedisConnection.IsFailure(exception))
            {
                redis.ReportFailure("event wake-up subscription", exception);
            }
            await Task.Delay(RetryInterval, stoppingToken);
        }
    }
}
