using StackExchange.Redis;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.Auth;

/// <summary>
/// Keeps <see cref="CallerCache"/> honest about the Redis subscription its evictions arrive on: suspended
/// while it is down, cleared when it is back. Builds the cache at start-up, so the subscription exists
/// before the first caller is cached.
/// </summary>
public sealed class CallerCacheChannel(RedisConnection redis, CallerCache callers) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionFailed += OnConnectionFailed;
            multiplexer.ConnectionRestored += OnConnectionRestored;
            if (!multiplexer.IsConnected)
            {
                callers.Suspend();
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (redis.Multiplexer is { } multiplexer)
        {
            multiplexer.ConnectionFailed -= OnConnectionFailed;
            multiplexer.ConnectionRestored -= OnConnectionRestored;
        }
        return Task.CompletedTask;
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            callers.Suspend();
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            callers.Resume();
        }
    }
}
