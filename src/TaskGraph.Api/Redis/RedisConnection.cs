using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskGraph.Api.Observability;

namespace TaskGraph.Api.Redis;

/// <summary>
/// The one view of Redis that rate limiting, caching and health checks share: configured, connected,
/// a ping, and one throttled warning per outage instead of one per request. Connecting never throws:
/// a Redis that is down is "not connected" until the multiplexer reconnects by itself.
/// </summary>
public sealed partial class RedisConnection(IOptions<RedisOptions> options, TimeProvider time, TaskGraphMetrics metrics, ILogger<RedisConnection> logger) : IDisposable
{
    // Decided from options, not from configuration at registration: settings a host adds late
    // (tests, hosting layers) are only visible once the options are built.
    private readonly ConnectionMultiplexer? _connection = string.IsNullOrWhiteSpace(options.Value.Url)
        ? null
        : ConnectionMultiplexer.Connect(RedisExtensions.CreateConfiguration(options.Value));

    private long _lastWarningTimestamp = long.MinValue;
    private long _lastFailureTicks;

    public bool IsConfigured => _connection is not null;

    /// <summary>True when configured and the multiplexer has a live connection; callers skip Redis otherwise.</summary>
    public bool IsConnected => _connection?.IsConnected == true;

    /// <summary>When a Redis call last failed (null if never), for the detailed health check.</summary>
    public DateTimeOffset? LastFailure => Interlocked.Read(ref _lastFailureTicks) is var ticks and not 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    /// <summary>The multiplexer when Redis is configured (for health checks and diagnostics), else null.</summary>
    public IConnectionMultiplexer? Multiplexer => _connection;

    public string KeyPrefix => options.Value.KeyPrefix;

    /// <summary>
    /// The database when Redis is connected right now; otherwise null (reported as a failure when
    /// Redis is configured), so callers fall back at once instead of queueing behind a reconnect.
    /// </summary>
    public IDatabase? TryGetDatabase(string operation)
    {
        if (_connection is null)
        {
            return null;
        }
        if (!_connection.IsConnected)
        {
            ReportFailure(operation, exception: null);
            return null;
        }
        return _connection.GetDatabase();
    }

    /// <summary>
    /// <paramref name="remote"/> against Redis when it is connected; when it is not, or the call fails
    /// or times out (reported once per interval), <paramref name="fallback"/> in this process instead.
    /// </summary>
    public async ValueTask<T> WithFallbackAsync<T>(string operation, Func<IDatabase, Task<T>> remote, Func<ValueTask<T>> fallback)
    {
        if (TryGetDatabase(operation) is not { } database)
        {
            return await fallback();
        }
        try
        {
            return await remote(database);
        }
        catch (Exception exception) when (IsFailure(exception))
        {
            ReportFailure(operation, exception);
            return await fallback();
        }
    }

    /// <summary>Round-trip time to Redis, or null when unconfigured or unreachable.</summary>
    public async Task<TimeSpan?> PingAsync()
    {
        if (TryGetDatabase("ping") is not { } database)
        {
            return null;
        }
        try
        {
            return await database.PingAsync();
        }
        catch (Exception exception) when (IsFailure(exception))
        {
            ReportFailure("ping", exception);
            return null;
        }
    }

    /// <summary>
    /// A failure of Redis rather than of our code: its own errors, and its timeouts, which derive
    /// from TimeoutException, not RedisException (missing them turned a slow Redis into 500s).
    /// </summary>
    public static bool IsFailure(Exception exception) => exception is RedisException or RedisTimeoutException;

    /// <summary>Records a failure and logs it, at most once per <see cref="RedisOptions.WarningIntervalSeconds"/>.</summary>
    public void ReportFailure(string operation, Exception? exception)
    {
        metrics.RedisFailures.Add(1, new KeyValuePair<string, object?>("operation", operation));
        Interlocked.Exchange(ref _lastFailureTicks, time.GetUtcNow().UtcTicks);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTimestamp);
        var interval = TimeSpan.FromSeconds(options.Value.WarningIntervalSeconds);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < interval)
        {
            return;
        }
        // Only the caller that wins the exchange logs, so concurrent failures still make one warning.
        if (Interlocked.CompareExchange(ref _lastWarningTimestamp, now, last) == last)
        {
            LogUnavailable(logger, operation, options.Value.WarningIntervalSeconds, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unavailable ({Operation}): requests are served with rate limits and cost budgets counted per instance, and without the list cache. Logged at most every {IntervalSeconds} s while it lasts.")]
    private static partial void LogUnavailable(ILogger logger, string operation, int intervalSeconds, Exception? exception);

    public void Dispose() => _connection?.Dispose();
}
