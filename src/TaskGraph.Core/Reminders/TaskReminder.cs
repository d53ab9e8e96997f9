namespace TaskGraph.Core.Reminders;

/// <summary>
/// A fired <c>task.due_soon</c> reminder, unique per task and due date: the database's uniqueness,
/// not the scheduler, is what makes a reminder fire once however many instances scan at the same time.
/// It is also the record of its e-mail, whose job reads it: pending until it is sent or given up.
/// </summary>
public sealed class TaskReminder
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    /// <summary>The due date this reminder was for: a new due date has no row, so it fires again.</summary>
    public DateTime DueDate { get; set; }

    public DateTime FiredAt { get; set; }

    /// <summary>
    /// Set while the e-mail is pending: when, with no progress by then, its job is presumed lost and the
    /// scan enqueues it again. Null when there is nothing (more) to send: sent, given up, or no SMTP.
    /// </summary>
    public DateTime? EmailDueAt { get; set; }

    public int EmailAttempts { get; set; }

    public DateTime? EmailSentAt { get; set; }
}
