using System.Globalization;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;

namespace TaskGraph.Core.Auth;

/// <summary>
/// Callers as the database last said (role, or null for a user that does not exist), kept in this
/// instance's memory so an authenticated request costs no query. A change evicts the entry here and,
/// through the host's backplane (Redis pub/sub), on every instance; while that channel is down the cache
/// is bypassed, because an eviction published meanwhile would never arrive. A read that an eviction
/// overtakes is not kept, since the row it read may predate the change.
/// </summary>
public sealed class CallerCache
{
    public const string CacheName = "callers";

    private readonly IFusionCache _cache;
    private readonly FusionCacheEntryOptions _lookup;
    private readonly FusionCacheEntryOptions _eviction = new()
    {
        // The response to a role change leaves only after every instance has been told.
        AllowBackgroundBackplaneOperations = false,
    };
    // Clearing is this instance's own business: the others keep their entries.
    private readonly FusionCacheEntryOptions _localClear = new() { SkipBackplaneNotifications = true };
    private readonly bool _enabled;
    private volatile bool _suspended;
    private long _evictions;

    public CallerCache(IFusionCacheProvider caches, IOptions<AuthOptions> options)
    {
        _cache = caches.GetCache(CacheName);
        _enabled = options.Value.CallerCacheSeconds > 0;
        _lookup = new FusionCacheEntryOptions(TimeSpan.FromSeconds(options.Value.CallerCacheSeconds))
        {
            // A lookup that fills this instance's entry has nothing to tell the others.
            SkipBackplaneNotifications = true,
        };
        // Raised before the message is applied; synchronous, see CoreExtensions.
        _cache.Events.Backplane.MessageReceived += (_, _) => Interlocked.Increment(ref _evictions);
    }

    /// <summary>The cached caller, else the one <paramref name="load"/> reads (concurrent misses for one user share one read).</summary>
    public async ValueTask<Actor?> GetOrLoadAsync(int userId, Func<CancellationToken, Task<Actor?>> load, CancellationToken cancellationToken)
    {
        if (!_enabled || _suspended)
        {
            return await load(cancellationToken);
        }
        long? evictionsBeforeRead = null;
        var actor = await _cache.GetOrSetAsync<Actor?>(Key(userId), async (_, token) =>
        {
            evictionsBeforeRead = Interlocked.Read(ref _evictions);
            return await load(token);
        }, options: _lookup, token: cancellationToken);
        if (evictionsBeforeRead is { } before && Interlocked.Read(ref _evictions) != before)
        {
            // An eviction came while the row was read and may have found nothing to remove yet; the row may
            // predate the change, so it answers this request only. (Evictions are counted before they are applied.)
            _cache.Remove(Key(userId), _localClear, CancellationToken.None); // memory only; never skipped for a cancelled request
        }
        return actor;
    }

    /// <summary>After a committed change to the user: forgets them here and on every instance.</summary>
    public ValueTask EvictAsync(int userId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _evictions);
        return _cache.RemoveAsync(Key(userId), _eviction, cancellationToken);
    }

    /// <summary>The host's channel to the other instances is down: evictions may be missed, so nothing cached is trusted.</summary>
    public void Suspend()
    {
        _suspended = true;
        Interlocked.Increment(ref _evictions);
        _cache.Clear(allowFailSafe: false, _localClear);
    }

    /// <summary>The channel is back: entries cached before it dropped may have missed evictions, so they go first.</summary>
    public void Resume()
    {
        Interlocked.Increment(ref _evictions);
        _cache.Clear(allowFailSafe: false, _localClear);
        _suspended = false;
    }

    private static string Key(int userId) => userId.ToString(CultureInfo.InvariantCulture);
}
