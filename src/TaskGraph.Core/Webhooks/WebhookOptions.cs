using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Webhooks;

/// <summary>Bound from section <c>Webhooks</c>; <c>WEBHOOK_ALLOW_PRIVATE</c> maps to <c>Webhooks:AllowPrivate</c>.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>Lets webhooks reach loopback, private, link-local, CGNAT and metadata addresses: for local development and tests only.</summary>
    public bool AllowPrivate { get; set; }

    /// <summary>How long one attempt may take, connection included.</summary>
    [Range(1, 60)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Standard Webhooks' schedule: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.</summary>
    public static readonly IReadOnlyList<int> StandardRetryDelaysSeconds = [5, 300, 1800, 7200, 18000, 36000, 36000];

    /// <summary>Waits before each retry; unset means <see cref="StandardRetryDelaysSeconds"/>. (A default array here would be appended to, not replaced, by configuration.)</summary>
    public int[]? RetryDelaysSeconds { get; set; }

    public IReadOnlyList<int> RetrySchedule => RetryDelaysSeconds is { Length: > 0 } delays ? delays : StandardRetryDelaysSeconds;

    /// <summary>Webhooks one user may have: bounds the deliveries one task change fans out to.</summary>
    [Range(1, 1000)]
    public int MaxPerUser { get; set; } = 20;

    /// <summary>Events the dispatcher reads from the log at once.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How often the dispatcher reads the log when no commit woke it.</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How long one instance holds the dispatcher's lease before another may take over (it renews it while alive).</summary>
    [Range(2, 600)]
    public int LeaseSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelaysSeconds is { } delays && (delays.Length > 20 || delays.Any(d => d is < 0 or > 7 * 24 * 3600)))
        {
            yield return new ValidationResult("Webhooks:RetryDelaysSeconds must be at most 20 waits of 0 to 604800 seconds.", [nameof(RetryDelaysSeconds)]);
        }
    }
}
