using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskGraph.Api.Observability;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Caching;

/// <summary>
/// Task list reads cached in Redis, for any face (REST now, the GraphQL <c>tasks</c> field later).
/// <para>
/// Keys name the caller (user id and role) and a hash of the face and its normalized query, so one
/// user's page can never answer another's request. Invalidation is by version counters inside the
/// key, never by deleting entries: a user's lists embed their owner counter, which every write to
/// one of their tasks bumps (whoever writes it, an admin included); admins see every task, so their
/// lists embed a global counter that every write bumps. A reader reads the counter before it
/// queries, so an entry stored late lands under the old counter and is never read again.
/// </para>
/// Redis failures never fail a request: a lookup is a miss, a lost store is a miss next time.
/// </summary>
public sealed class TaskListCache(RedisConnection redis, IOptions<TaskListCacheOptions> options, TaskGraphMetrics metrics) : ITaskChangeListener
{
    public bool Enabled => redis.IsConfigured && options.Value.Enabled;

    /// <summary>
    /// The cached response for this caller and query, or the one <paramref name="create"/> makes
    /// (which is then stored; null means "do not cache", and is passed through as null).
    /// </summary>
    /// <param name="actor">Whose list: their id and role are part of the key.</param>
    /// <param name="face">Who renders the body ("rest", "graphql"): faces never share entries.</param>
    /// <param name="query">The request's query normalized by the face (e.g. sorted parameters), so equal queries share an entry.</param>
    /// <param name="create">Runs the query and renders the response on a miss.</param>
    public async Task<(CachedResponse? Response, CacheOutcome Outcome)> GetOrCreateAsync(
        Actor actor, string face, string query, Func<Task<CachedResponse?>> create)
    {
        if (!Enabled)
        {
            return (await create(), CacheOutcome.Bypass);
        }
        var key = await TryLookupKeyAsync(actor, face, query);
        var cached = key is { } found ? await TryGetAsync(found) : null;
        if (cached is not null)
        {
            metrics.CacheLookups.Add(1, new("result", "hit"), new("face", face));
            return (cached, CacheOutcome.Hit);
        }
        metrics.CacheLookups.Add(1, new("result", "miss"), new("face", face));
        var created = await create();
        if (created is not null && key is not null)
        {
            await TryStoreAsync(key.Value, created);
        }
        return (created, CacheOutcome.Miss);
    }

    /// <summary>Called by the core after every task write: that owner's lists and all admin lists are stale.</summary>
    public async Task TaskChangedAsync(int ownerId, CancellationToken cancellationToken)
    {
        if (!Enabled || redis.TryGetDatabase("cache invalidation") is not { } database)
        {
            return;
        }
        try
        {
            var batch = database.CreateBatch();
            var owner = batch.StringIncrementAsync(OwnerVersionKey(ownerId));
            var all = batch.StringIncrementAsync(GlobalVersionKey);
            batch.Execute();
            await Task.WhenAll(owner, all);
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("cache invalidation", exception);
        }
    }

    private RedisKey GlobalVersionKey => $"{redis.KeyPrefix}cache:tasks:version:all";

    private RedisKey OwnerVersionKey(int ownerId) =>
        $"{redis.KeyPrefix}cache:tasks:version:owner:{ownerId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The entry key under the current version, or null when Redis cannot be asked (a miss, uncached).</summary>
    private async Task<RedisKey?> TryLookupKeyAsync(Actor actor, string face, string query)
    {
        if (redis.TryGetDatabase("cache read") is not { } database)
        {
            return null;
        }
        try
        {
            var versionKey = actor.IsAdmin ? GlobalVersionKey : OwnerVersionKey(actor.UserId);
            var version = (long?)await database.StringGetAsync(versionKey) ?? 0;
            var role = TokenClaims.RoleValue(actor.Role);
            // Hashed: bounded key length, and search text from the query never sits in key names.
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{face}\n{query}")));
            return $"{redis.KeyPrefix}cache:tasks:{face}:user:{actor.UserId.ToString(CultureInfo.InvariantCulture)}:{role}:v{version.ToString(CultureInfo.InvariantCulture)}:{hash}";
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("cache read", exception);
            return null;
        }
    }

    private async Task<CachedResponse?> TryGetAsync(RedisKey key)
    {
        if (redis.TryGetDatabase("cache read") is not { } database)
        {
            return null;
        }
        try
        {
            var value = await database.StringGetAsync(key);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<CachedResponse>(value.ToString());
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception) || exception is JsonException)
        {
            redis.ReportFailure("cache read", exception);
            return null;
        }
    }

    private async Task TryStoreAsync(RedisKey key, CachedResponse response)
    {
        if (redis.TryGetDatabase("cache write") is not { } database)
        {
            return;
        }
        try
        {
            await database.StringSetAsync(key, JsonSerializer.Serialize(response), TimeSpan.FromSeconds(options.Value.TtlSeconds));
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("cache write", exception);
        }
    }
}
