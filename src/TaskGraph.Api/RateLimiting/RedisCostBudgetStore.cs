using System.Globalization;
using StackExchange.Redis;
using TaskGraph.Api.Redis;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Cost budgets as token buckets in Redis hashes, each change one atomic Lua script on Redis's clock.
/// Each answer is mirrored into this process's buckets, which decide while Redis is unreachable or slow.
/// </summary>
public sealed class RedisCostBudgetStore(RedisConnection redis, InProcessCostBudgetStore local) : ICostBudgetStore
{
    /// <remarks>
    /// The hash holds the points available and when (microseconds, Redis's clock) they were counted;
    /// points come back at limit / period per microsecond, up to the limit. A take that does not fit
    /// changes nothing. The key expires after a period untouched, when the bucket would be full anyway.
    /// KEYS[1] bucket key; ARGV[1] limit; ARGV[2] period in microseconds; ARGV[3] points (+ take, − give back, 0 read).
    /// Returns {allowed (0/1), points available now as text (Lua would truncate a number to an integer)}.
    /// </remarks>
    private const string TokenBucketScript = """
        local limit = tonumber(ARGV[1])
        local period = tonumber(ARGV[2])
        local points = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
        local state = redis.call('HMGET', KEYS[1], 'available', 'at')
        local available = limit
        if state[1] and state[2] then
          available = math.min(limit, tonumber(state[1]) + (now - tonumber(state[2])) * limit / period)
        end
        local allowed = 1
        if points > 0 and available < points then
          allowed = 0
        elseif points ~= 0 then
          available = math.min(limit, available - points)
          redis.call('HSET', KEYS[1], 'available', string.format('%.6f', available), 'at', string.format('%.0f', now))
          redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000))
        end
        return {allowed, string.format('%.6f', available)}
        """;

    public ValueTask<CostBudgetState> ApplyAsync(string key, CostBudgetPolicy policy, long points, CancellationToken cancellationToken) =>
        redis.WithFallbackAsync("cost budget", async database =>
        {
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                TokenBucketScript,
                [new RedisKey($"{redis.KeyPrefix}graphql-cost:{key}")],
                [policy.Limit, (long)policy.Period.TotalMicroseconds, points]))!;
            var state = new CostBudgetState((int)result[0] == 1, double.Parse((string)result[1]!, CultureInfo.InvariantCulture));
            local.Mirror(key, policy, state.Available);
            return state;
        }, () => local.ApplyAsync(key, policy, points, cancellationToken));
}
