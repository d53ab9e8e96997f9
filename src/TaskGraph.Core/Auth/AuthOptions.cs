using System.ComponentModel.DataAnnotations;
using System.Text;

namespace TaskGraph.Core.Auth;

/// <summary>Bound from section <c>Auth</c>; <c>SECRET_KEY</c> and <c>ACCESS_TOKEN_MINUTES</c> map onto it.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";
    public const int MinimumKeyBytes = 32;

    /// <summary>Used only in Development when no key is configured; never valid elsewhere.</summary>
    internal const string DevelopmentKey = "taskgraph-development-only-key-do-not-use-in-production";

    public string? SecretKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "taskgraph";

    [Required]
    public string Audience { get; set; } = "taskgraph-api";

    [Range(1, 7 * 24 * 60)]
    public int AccessTokenMinutes { get; set; } = 60;

    /// <summary>Tolerance for clocks that disagree; the library default (5 minutes) is too generous.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;

    /// <summary>bcrypt cost (2^n rounds). 11 costs ~100 ms here; tests lower it.</summary>
    [Range(4, 31)]
    public int BcryptWorkFactor { get; set; } = 11;

    /// <summary>
    /// Threads that run bcrypt, outside the thread pool; a burst of logins queues for them. Defaults to
    /// half the processors, so logins can never take every core from the rest of the API.
    /// </summary>
    [Range(1, 64)]
    public int PasswordHashingThreads { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How long an instance keeps a caller's role without asking the database (0: never). Changes evict
    /// it on every instance at once; this bounds only what an eviction lost to a Redis outage could leave.
    /// </summary>
    [Range(0, 3600)]
    public int CallerCacheSeconds { get; set; } = 30;

    public byte[] SigningKeyBytes => Encoding.UTF8.GetBytes(SecretKey ?? string.Empty);
}
