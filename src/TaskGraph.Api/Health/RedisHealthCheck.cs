using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskGraph.Api.Redis;

namespace TaskGraph.Api.Health;

/// <summary>
/// Redis down is <c>degraded</c>, not unhealthy: requests are still served (each instance applies the
/// rate limits on its own, the list cache is bypassed), so load balancers keep the instance while people get told.
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
                "Redis is unreachable: rate limits are applied per instance and the list cache is bypassed.",
                data: new Dictionary<string, object> { ["mode"] = "redis" });
    }
}
