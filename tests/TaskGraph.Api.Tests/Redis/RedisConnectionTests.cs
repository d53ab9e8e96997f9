using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Observability;
using TaskGraph.Api.Redis;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Tests.Redis;

[Collection(RedisTests.Name)]
public sealed class RedisConnectionTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Reports_a_live_redis_as_connected_with_a_ping_time()
    {
        using var connection = Create(redis.Url, new CapturingLogger(), connectTimeoutMs: 2000);

        Assert.True(connection.IsConfigured);
        Assert.True(connection.IsConnected);
        Assert.NotNull(connection.Multiplexer);
        Assert.NotNull(await connection.PingAsync());
        Assert.Null(connection.LastFailure);
    }

    [Fact]
    public async Task Without_a_url_there_is_no_redis_and_nothing_to_report()
    {
        using var connection = Create(null, new CapturingLogger());

        Assert.False(connection.IsConfigured);
        Assert.False(connection.IsConnected);
        Assert.Null(connection.TryGetDatabase("test"));
        Assert.Null(await connection.PingAsync());
        Assert.Null(connection.LastFailure);
    }

    [Fact]
    public async Task An_unreachable_redis_is_warned_about_once_per_interval_not_per_call()
    {
        var logger = new CapturingLogger();
        var time = new SteppingTime();
        // Nothing listens on port 1: the connect fails fast and the multiplexer keeps retrying in the background.
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var failures = new MetricCollector<long>(meters.GetRequiredService<IMeterFactory>(), TaskGraphMeter.Name, "taskgraph.redis.failures");
        using var connection = Create("127.0.0.1:1", logger, time, meters: meters);

        for (var i = 0; i < 100; i++)
        {
            Assert.Null(connection.TryGetDatabase("test"));
        }
        Assert.Null(await connection.PingAsync());
        Assert.Equal(1, logger.Warnings);
        Assert.NotNull(connection.LastFailure);
        // Every failed call is counted, though only one was logged.
        Assert.Equal(101, failures.GetMeasurementSnapshot().Count);

        time.Advance(TimeSpan.FromSeconds(31));
        connection.TryGetDatabase("test");
        connection.TryGetDatabase("test");
        Assert.Equal(2, logger.Warnings);
    }

    private static RedisConnection Create(string? url, ILogger<RedisConnection> logger, TimeProvider? time = null, int connectTimeoutMs = 200, IServiceProvider? meters = null) =>
        new(
            Options.Create(new RedisOptions { Url = url, ConnectTimeoutMs = connectTimeoutMs, WarningIntervalSeconds = 30 }),
            time ?? TimeProvider.System,
            new TaskGraphMetrics((meters ?? SharedMeters).GetRequiredService<IMeterFactory>()),
            logger);

    private static readonly ServiceProvider SharedMeters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private sealed class CapturingLogger : ILogger<RedisConnection>
    {
        private int _warnings;

        public int Warnings => Volatile.Read(ref _warnings);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Interlocked.Increment(ref _warnings);
            }
        }
    }

    private sealed class SteppingTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
