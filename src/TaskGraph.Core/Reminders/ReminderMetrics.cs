using System.Diagnostics.Metrics;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Reminders;

/// <summary>The reminders' instruments, exported at /metrics with the rest of the app's meter.</summary>
public sealed class ReminderMetrics
{
    public ReminderMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TaskGraphMeter.Name);
        Fired = meter.CreateCounter<long>("taskgraph.reminders.fired", description: "task.due_soon events written (once per task and due date across all instances).");
        Emails = meter.CreateCounter<long>("taskgraph.reminders.emails", description: "Reminder e-mail attempts, tagged outcome=sent|failed|abandoned (abandoned: the last attempt failed).");
    }

    public Counter<long> Fired { get; }

    public Counter<long> Emails { get; }
}
