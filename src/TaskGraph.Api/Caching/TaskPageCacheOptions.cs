using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.Caching;

/// <summary>Bound from section <c>Caching</c>. The task page cache needs Redis; without REDIS_URL it is off.</summary>
public sealed class TaskPageCacheOptions
{
    public const string SectionName = "Caching";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// An entry lives at most this long. Writes invalidate at once; the TTL bounds staleness only when
    /// an invalidation itself could not reach Redis, and frees memory of lists nobody reads again.
    /// </summary>
    [Range(1, 86_400)]
    public int TtlSeconds { get; set; } = 60;
}
