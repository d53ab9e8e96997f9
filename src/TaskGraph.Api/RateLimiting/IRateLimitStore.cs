namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Where the sliding-window logs live: Redis when configured (shared by every instance), else this
/// process. Both count the same way; only Redis can fail, and then it answers null (fail open).
/// </summary>
public interface IRateLimitStore
{
    /// <summary>Counts the request against <paramref name="key"/> if the window has room; null when no decision could be made.</summary>
    ValueTask<RateLimitDecision?> AcquireAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken);
}
