using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskGraph.Api.Redis;

namespace TaskGraph.Api.Health;

/// <summary>
/// Redis down is <c>degraded</c>, not unhealthy: requests are still served (rate limits fail open,
/// the page cache is bypassed), so load balancers keep the instance while people get told.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConfigured)
        {
            return HealthCheckResult.Healthy(
                "REDIS_URL is not set: in-process rate limiting (single instance), no shared cache.",
                new Dictionary<string, object> { ["mode"] = "in-process" });
        }
        return await redis.PingAsync() is { } latency
            ? HealthCheckResult.Healthy("Redis answered a ping.", new Dictionary<string, object> { ["mode"] = "redis", ["ping_ms"] = Math.Round(latency.TotalMilliseconds, 2) })
            : HealthCheckResult.Degraded(
                "Redis is unreachable: requests are served without rate limits and without the list cache.",
                data: new Dictionary<string, object> { ["mode"] = "redis" });
    }
}
