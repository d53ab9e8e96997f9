using StackExchange.Redis;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Redis;

public static class RedisExtensions
{
    /// <summary>Options and <see cref="RedisConnection"/>, which holds the shared multiplexer when REDIS_URL is set.</summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RedisOptions>(configuration, RedisOptions.SectionName)
            .Validate(options => IsValidUrl(options.Url), "Redis:Url (REDIS_URL) must be redis://[:password@]host:port[/db] or a StackExchange.Redis configuration string.");
        services.AddSingleton<RedisConnection>();
        return services;
    }

    public static ConfigurationOptions CreateConfiguration(RedisOptions options)
    {
        var configuration = RedisConnectionString.Parse(options.Url!);
        // Fail fast rather than block: a request waits at most one short timeout, never for a reconnect.
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = options.ConnectTimeoutMs;
        configuration.SyncTimeout = options.OperationTimeoutMs;
        configuration.AsyncTimeout = options.OperationTimeoutMs;
        // Async timeouts are only noticed on a heartbeat (1 s by default): beat as often as the timeout,
        // so a stalled Redis costs a request about one timeout, not a second per command.
        configuration.HeartbeatInterval = TimeSpan.FromMilliseconds(Math.Clamp(options.OperationTimeoutMs, 100, 1000));
        configuration.ConnectRetry = 1;
        // Retry soon after an outage (the default backs off to many seconds), capped so a long outage costs little.
        configuration.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 250, maxDeltaBackOffMilliseconds: 2000);
        return configuration;
    }

    private static bool IsValidUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }
        try
        {
            return RedisConnectionString.Parse(url).EndPoints.Count > 0;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or RedisException)
        {
            return false;
        }
    }
}
