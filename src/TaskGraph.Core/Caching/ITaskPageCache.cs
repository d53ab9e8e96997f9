namespace TaskGraph.Core.Caching;

/// <summary>
/// Where both faces keep the task list pages they render, as bytes, invalidated by task writes. The
/// core's default caches nothing; the host supplies a shared cache (Redis).
/// </summary>
public interface ITaskPageCache
{
    /// <summary>False when nothing is cached, so a face need not render bytes only to throw them away.</summary>
    bool Enabled { get; }

    /// <summary>
    /// The cached page for this key, or the one <paramref name="render"/> makes, which is then stored.
    /// A cache failure is a miss, never a failed request; an exception from <paramref name="render"/> is the request's.
    /// </summary>
    Task<(CachedPage Page, CacheOutcome Outcome)> GetOrCreateAsync(TaskPageKey key, Func<Task<CachedPage>> render, CancellationToken cancellationToken);
}
