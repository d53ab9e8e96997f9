using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Reminders;

/// <summary>Bound from section <c>Reminders</c> (<c>REMINDER_LEAD_MINUTES</c> is <c>Reminders:LeadMinutes</c>).</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How long before a task's due date its <c>task.due_soon</c> event fires (up to a week).</summary>
    [Range(1, 10_080, ErrorMessage = "REMINDER_LEAD_MINUTES (Reminders:LeadMinutes) must be between {1} and {2} minutes.")]
    public int LeadMinutes { get; set; } = 60;

    /// <summary>How often each instance scans for tasks entering the window; at most a minute, the contract's promise.</summary>
    [Range(1, 60)]
    public int ScanIntervalSeconds { get; set; } = 30;

    /// <summary>Reminders fired per scan at most, so one pass is bounded work; the rest wait for the next.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    public TimeSpan Lead => TimeSpan.FromMinutes(LeadMinutes);

    public TimeSpan ScanInterval => TimeSpan.FromSeconds(ScanIntervalSeconds);
}
