using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.Redis;

/// <summary>Bound from section <c>Redis</c>; <c>REDIS_URL</c> maps to <c>Redis:Url</c>.</summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary><c>redis://[:password@]host:port[/db]</c> or a StackExchange.Redis configuration string; unset → no Redis.</summary>
    public string? Url { get; set; }

    /// <summary>Prepended to every key, so several deployments (or test runs) can share one Redis.</summary>
    [Required(AllowEmptyStrings = true)]
    public string KeyPrefix { get; set; } = "taskgraph:";

    /// <summary>Each (re)connect attempt gives up after this long.</summary>
    [Range(50, 30_000)]
    public int ConnectTimeoutMs { get; set; } = 1000;

    /// <summary>
    /// Each command gives up after this long. Kept short: Redis answers in well under a millisecond
    /// here, and a request must not wait on a sick Redis for longer than this before failing open.
    /// </summary>
    [Range(10, 30_000)]
    public int OperationTimeoutMs { get; set; } = 250;

    /// <summary>While Redis stays unreachable, the warning is logged at most once per this interval.</summary>
    [Range(1, 3600)]
    public int WarningIntervalSeconds { get; set; } = 30;
}
