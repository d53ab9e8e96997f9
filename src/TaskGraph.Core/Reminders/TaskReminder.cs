namespace TaskGraph.Core.Reminders;

/// <summary>
/// A fired <c>task.due_soon</c> reminder, unique per task and due date: the database's uniqueness,
/// not the scheduler, is what makes a reminder fire once however many instances scan at the same time.
/// It is also the e-mail's outbox: the pending e-mail lives on the row until it is sent or given up.
/// </summary>
public sealed class TaskReminder
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>The due date this reminder was for: a new due date has no row, so it fires again.</summary>
    public DateTime DueDate { get; set; }

    public DateTime FiredAt { get; set; }

    /// <summary>When the e-mail may next be tried; null when there is nothing (more) to send.</summary>
    public DateTime? EmailDueAt { get; set; }

    public int EmailAttempts { get; set; }

    public DateTime? EmailSentAt { get; set; }
}
