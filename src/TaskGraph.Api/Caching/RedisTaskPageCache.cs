using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskGraph.Api.Http;
using TaskGraph.Api.Observability;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Caching;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Caching;

/// <summary>
/// The task page cache in Redis, for both faces. Keys hold the caller's id and role and a hash of the
/// face and normalized query; invalidation bumps version counters inside the keys instead of deleting
/// entries (docs/redis.md). Redis failures never fail a request: a failed lookup or store is a miss.
/// </summary>
public sealed class RedisTaskPageCache(RedisConnection redis, IOptions<TaskPageCacheOptions> options, TaskGraphMetrics metrics) : ITaskPageCache, ITaskChangeListener
{
    public bool Enabled => redis.IsConfigured && options.Value.Enabled;

    public async Task<(CachedPage Page, CacheOutcome Outcome)> GetOrCreateAsync(TaskPageKey key, Func<Task<CachedPage>> render, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return (await render(), CacheOutcome.Bypass);
        }
        // One round trip reads the version and the page under it; a page rendered before a concurrent write lands under the old version.
        var (entry, cached) = await TryReadAsync(key);
        if (cached is not null)
        {
            metrics.CacheLookups.Add(1, new("result", "hit"), new("face", key.Face));
            return (cached, CacheOutcome.Hit);
        }
        metrics.CacheLookups.Add(1, new("result", "miss"), new("face", key.Face));
        var page = await render();
        if (entry is { } store)
        {
            await TryStoreAsync(store, page);
        }
        return (page, CacheOutcome.Miss);
    }

    /// <summary>Called by the core after every task write: that owner's pages and all admin pages are stale.</summary>
    public async Task TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken)
    {
        // A due-date reminder changes no task, so every cached page is still the page.
        if (!Enabled || change.Type == TaskEventType.DueSoon || redis.TryGetDatabase("cache invalidation") is not { } database)
        {
            return;
        }
        try
        {
            var batch = database.CreateBatch();
            var owner = batch.StringIncrementAsync(OwnerVersionKey(change.OwnerId));
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

    /// <summary>
    /// KEYS[1] the version counter the caller's pages follow; the entry's key is ARGV[1] .. version .. ARGV[2].
    /// Returns {version, page or nil}. The entry's key is built inside the script, so a single Redis (not a cluster) is assumed.
    /// </summary>
    private const string ReadScript = """
        local version = redis.call('GET', KEYS[1]) or '0'
        return {version, redis.call('GET', ARGV[1] .. version .. ARGV[2])}
        """;

    /// <summary>
    /// The entry's key under the current version (admins see every task, so their pages follow the global
    /// one) and the page stored there; (null, null) when Redis cannot be asked.
    /// </summary>
    private async Task<(RedisKey? Entry, CachedPage? Page)> TryReadAsync(TaskPageKey key)
    {
        if (redis.TryGetDatabase("cache read") is not { } database)
        {
            return (null, null);
        }
        try
        {
            var actor = key.Actor;
            // Hashed: bounded key length, and search text never sits in key names.
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Face}\n{key.Query}")));
            var prefix = $"{redis.KeyPrefix}cache:tasks:{key.Face}:user:{actor.UserId.ToString(CultureInfo.InvariantCulture)}:{TokenClaims.RoleValue(actor.Role)}:v";
            var suffix = $":{hash}";
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(ReadScript, [actor.IsAdmin ? GlobalVersionKey : OwnerVersionKey(actor.UserId)], [prefix, suffix]))!;
            var value = (byte[]?)result[1];
            return ($"{prefix}{(string?)result[0]}{suffix}", value is null or { Length: 0 } ? null : Unpack(value));
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception) || exception is FormatException or JsonException)
        {
            redis.ReportFailure("cache read", exception);
            return (null, null);
        }
    }

    private async Task TryStoreAsync(RedisKey key, CachedPage page)
    {
        if (redis.TryGetDatabase("cache write") is not { } database)
        {
            return;
        }
        try
        {
            await database.StringSetAsync(key, Pack(page), TimeSpan.FromSeconds(options.Value.TtlSeconds));
        }
        catch (Exception exception) when (RedisConnection.IsFailure(exception))
        {
            redis.ReportFailure("cache write", exception);
        }
    }

    /// <summary>One Redis string: the metadata's length (4 bytes), the metadata as JSON, then the page's bytes untouched.</summary>
    private static byte[] Pack(CachedPage page)
    {
        var metadata = JsonSerializer.SerializeToUtf8Bytes(page.Metadata as Dictionary<string, string> ?? new(page.Metadata), RestJsonContext.Default.DictionaryStringString);
        var value = new byte[4 + metadata.Length + page.Content.Length];
        BinaryPrimitives.WriteInt32BigEndian(value, metadata.Length);
        metadata.CopyTo(value, 4);
        page.Content.CopyTo(value.AsMemory(4 + metadata.Length));
        return value;
    }

    private static CachedPage Unpack(byte[] value)
    {
        var length = value.Length >= 4 ? BinaryPrimitives.ReadInt32BigEndian(value) : -1;
        if (length < 0 || length > value.Length - 4)
        {
            throw new FormatException("Not a cached page.");
        }
        var metadata = JsonSerializer.Deserialize(value.AsSpan(4, length), RestJsonContext.Default.DictionaryStringString) ?? throw new FormatException("Not a cached page.");
        return new CachedPage(value.AsMemory(4 + length), metadata);
    }
}
