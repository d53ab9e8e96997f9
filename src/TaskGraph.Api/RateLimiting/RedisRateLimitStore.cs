using System.Globalization;
using StackExchange.Redis;
using TaskGraph.Api.Redis;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// A sliding-window log per key in a Redis sorted set, decided by one atomic Lua script on Redis's
/// clock. Each request first takes its place in this process's log, and gives it back when Redis
/// refuses: so one instance never allows more than the limit, even while Redis answers late or not at
/// all, and the shared log keeps several instances exact while Redis answers in time.
/// </summary>
public sealed class RedisRateLimitStore(RedisConnection redis, InProcessRateLimitStore local) : IRateLimitStore
{
    /// <remarks>
    /// Scores are microseconds since the epoch. They are passed back to Redis as integer strings
    /// (<c>%.0f</c>): Lua would otherwise format numbers with 14 significant digits and lose the
    /// microseconds. Members carry a caller-made unique suffix, so two requests in the same
    /// microsecond are two entries. Entries at or before now − window are dropped, so the set holds
    /// exactly the requests of the last window; the permits are added only when they all fit under
    /// the limit. Reset is when enough entries have left the window for one more request (for the
    /// permits asked, when they did not fit).
    /// KEYS[1] log key; ARGV[1] limit; ARGV[2] window in microseconds; ARGV[3] unique member suffix; ARGV[4] permits.
    /// Returns {allowed (0/1), remaining, microseconds until reset}.
    /// </remarks>
    private const string SlidingWindowScript = """
        local limit = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local permits = tonumber(ARGV[4])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%.0f', now - window))
        local count = redis.call('ZCARD', KEYS[1])
        local allowed = 0
        local wanted = permits
        if count + permits <= limit then
          local stamp = string.format('%.0f', now)
          for i = 1, permits do
            redis.call('ZADD', KEYS[1], stamp, stamp .. '-' .. ARGV[3] .. '-' .. i)
          end
          count = count + permits
          allowed = 1
          wanted = 1
        end
        local reset = window
        if count > 0 then
          local freeing = math.min(math.max(count + wanted - limit - 1, 0), count - 1)
          local entry = redis.call('ZRANGE', KEYS[1], freeing, freeing, 'WITHSCORES')
          if entry[2] then
            reset = tonumber(entry[2]) + window - now
          end
        end
        redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
        return {allowed, limit - count, reset}
        """;

    public async ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken)
    {
        var reserved = await local.AcquireAsync(key, policy, permits, cancellationToken);
        if (!reserved.Allowed)
        {
            return reserved;
        }
        return await redis.WithFallbackAsync("rate limiting", async database =>
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                SlidingWindowScript,
                [new RedisKey($"{redis.KeyPrefix}ratelimit:{policy.Name}:{key}")],
                [policy.Limit, (long)policy.Period.TotalMicroseconds, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), permits]))!;
            var decision = new RateLimitDecision(
                Allowed: (int)result[0] == 1,
                Remaining: Math.Max(0, (int)result[1]),
                ResetAfter: TimeSpan.FromMicroseconds(Math.Max(0, (long)result[2])));
            if (!decision.Allowed)
            {
                local.Release(key, policy, permits);
            }
            return decision;
        }, () => ValueTask.FromResult(reserved));
    }
}
