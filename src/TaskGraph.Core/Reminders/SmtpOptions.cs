using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace TaskGraph.Core.Reminders;

/// <summary>Bound from section <c>Smtp</c> (<c>SMTP_URL</c>, <c>SMTP_FROM</c>): where reminder e-mails go out, if anywhere.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string SectionName = "Smtp";

    /// <summary><c>smtp://[user[:password]@]host[:port][?tls=auto|starttls|none]</c> or <c>smtps://…</c>; unset: no e-mail.</summary>
    public string? Url { get; set; }

    /// <summary>The sender, as an address or <c>Name &lt;address&gt;</c>.</summary>
    public string From { get; set; } = "TaskGraph <taskgraph@localhost>";

    /// <summary>How long one attempt (connect, send, quit) may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Attempts per e-mail before it is given up: the first and <c>MaxAttempts − 1</c> retries by the job engine.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Waits before the retries: 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h (Standard Webhooks' schedule, shortened).</summary>
    public static readonly IReadOnlyList<int> DefaultRetryDelaysSeconds = [60, 300, 1800, 7200, 18000, 36000];

    /// <summary>Waits before each retry, the last one repeating; unset means <see cref="DefaultRetryDelaysSeconds"/>. (A default array here would be appended to, not replaced, by configuration.)</summary>
    public int[]? RetryDelaysSeconds { get; set; }

    public IReadOnlyList<int> RetrySchedule => RetryDelaysSeconds is { Length: > 0 } delays ? delays : DefaultRetryDelaysSeconds;

    /// <summary>The wait before the retry that follows failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan RetryDelay(int attempt) => TimeSpan.FromSeconds(RetrySchedule[Math.Min(attempt, RetrySchedule.Count) - 1]);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);

    // Methods, not properties: validation reads every property, also of options that are not valid yet.

    /// <summary>The parsed <see cref="Url"/>, once the options have been validated.</summary>
    public SmtpEndpoint Endpoint() => SmtpEndpoint.Parse(Url!);

    public MailboxAddress Sender() => MailboxAddress.Parse(From);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsEnabled && SmtpEndpoint.Check(Url!) is { } problem)
        {
            // The value is never repeated: it may hold a password.
            yield return new ValidationResult($"SMTP_URL (Smtp:Url) is not a valid SMTP URL: {problem}", [nameof(Url)]);
        }
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult("SMTP_FROM (Smtp:From) must be an e-mail address, optionally with a name (\"TaskGraph <reminders@example.com>\").", [nameof(From)]);
        }
        if (RetryDelaysSeconds is { } delays && (delays.Length > 20 || delays.Any(d => d is < 0 or > 7 * 24 * 3600)))
        {
            yield return new ValidationResult("Smtp:RetryDelaysSeconds must be at most 20 waits of 0 to 604800 seconds.", [nameof(RetryDelaysSeconds)]);
        }
    }
}
