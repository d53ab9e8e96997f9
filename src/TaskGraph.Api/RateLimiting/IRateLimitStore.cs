namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Where the sliding-window logs live: Redis when configured (shared by every instance), else this
/// process. Both count the same way; when Redis fails, the Redis store decides in this process
/// instead, so a limit is never switched off.
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Counts <paramref name="permits"/> requests against <paramref name="key"/> if the window has room for all of them, else none.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken);
}
