using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Reminders;

/// <summary>Bound from section <c>Reminders</c> (<c>REMINDER_LEAD_MINUTES</c> is <c>Reminders:LeadMinutes</c>).</summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string SectionName = "Reminders";

    /// <summary>How long before a task's due date its <c>task.due_soon</c> event fires (up to a week).</summary>
    [Range(1, 10_080, ErrorMessage = "REMINDER_LEAD_MINUTES (Reminders:LeadMinutes) must be between {1} and {2} minutes.")]
    public int LeadMinutes { get; set; } = 60;

    /// <summary>
    /// How often the scan runs (once across all instances): at the seconds of each minute that are a
    /// multiple of this, so it must divide 60; at most 30, which keeps the contract's one-minute promise.
    /// </summary>
    [Range(1, 30)]
    public int ScanIntervalSeconds { get; set; } = 30;

    /// <summary>Reminders fired per scan at most, so one pass is bounded work; the rest wait for the next.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    public TimeSpan Lead => TimeSpan.FromMinutes(LeadMinutes);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ScanIntervalSeconds is >= 1 and <= 30 && 60 % ScanIntervalSeconds != 0)
        {
            yield return new ValidationResult(
                "Reminders:ScanIntervalSeconds must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30): the scan runs at those seconds of every minute.",
                [nameof(ScanIntervalSeconds)]);
        }
    }
}
