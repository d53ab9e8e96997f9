namespace TaskGraph.Core.Caching;

/// <summary>No caching: every page is read and rendered afresh.</summary>
public sealed class UncachedTaskPages : ITaskPageCache
{
    public bool Enabled => false;

    public async Task<(CachedPage Page, CacheOutcome Outcome)> GetOrCreateAsync(TaskPageKey key, Func<Task<CachedPage>> render, CancellationToken cancellationToken) =>
        (await render(), CacheOutcome.Bypass);
}
