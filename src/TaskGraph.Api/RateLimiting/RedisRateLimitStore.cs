using System.Globalization;
using StackExchange.Redis;
using TaskGraph.Api.Redis;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// A sliding-window log per key in a Redis sorted set, decided by one Lua script: one round trip,
/// atomic (no two instances can both take the last slot) and timed by Redis's own clock, so API
/// instances with skewed clocks still agree.
/// </summary>
public sealed class RedisRateLimitStore(RedisConnection redis) : IRateLimitStore
{
    /// <remarks>
    /// Scores are microseconds since the epoch. They are passed back to Redis as integer strings
    /// (<c>%.0f</c>): Lua would otherwise format numbers with 14 significant digits and lose the
    /// microseconds. Members carry a caller-made unique suffix, so two requests in the same
    /// microsecond are two entries. Entries at or before now − window are dropped, so the set holds
    /// exactly the requests of the last window; a request is added only when that count is under the
    /// limit. Reset is when the oldest entry leaves the window (when a slot frees up).
    /// KEYS[1] log key; ARGV[1] limit; ARGV[2] window in microseconds; ARGV[3] unique member suffix.
    /// Returns {allowed (0/1), remaining, microseconds until reset}.
    /// </remarks>
    private const string SlidingWindowScript = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
        local count = redis.call('ZCARD', KEYS[1])
        local allowed = 0
        if count < limit then
          redis.call('ZADD', KEYS[1], string.format('%.0f', now), string.format('%.0f', now) .. '-' .. ARGV[3])
          count = count + 1
          allowed = 1
        end
        local reset = window
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        if oldest[2] then
          reset = tonumber(oldest[2]) + window - now
        end
        redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
        return {allowed, limit - count, reset}
        """;

    public async ValueTask<RateLimitDecision?> AcquireAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        if (redis.TryGetDatabase("rate limiting") is not { } database)
        {
            return null;
        }
        try
        {
            var windowMicroseconds = (long)policy.Period.TotalMicroseconds;
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                SlidingWindowScript,
                [new RedisKey($"{redis.KeyPrefix}ratelimit:{policy.Name}:{key}")],
                [policy.Limit, windowMicroseconds, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)]))!;
            return new RateLimitDecision(
                Allowed: (int)result[0] == 1,
                Remaining: Math.Max(0, (int)result[1]),
                ResetAfter: TimeSpan.FromMicroseconds(Math.Max(0, (long)result[2])));
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("rate limiting", exception);
            return null;
        }
    }
}
