using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Reminders;

/// <summary>
/// One pass of the reminder schedule (a recurring job of the host's job engine): every open task whose
/// due date is within the lead time and that has no reminder for that due date gets one
/// <c>task.due_soon</c> event, written through the event log like any task change, and its e-mail job
/// once that is committed. Safe to run on several instances at once: the task row is locked and the
/// reminder is unique per task and due date, so a race produces one event.
/// </summary>
public sealed partial class ReminderScan(
    TaskGraphDbContext db,
    TaskEventLog events,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    IOptions<SmtpOptions> smtp,
    ReminderMetrics metrics,
    IEnumerable<ITaskChangeListener> listeners,
    IReminderEmailJobs emails,
    ILogger<ReminderScan> logger)
{
    /// <summary>Fires the reminders that are due now (at most a batch); returns how many this call fired.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        var horizon = now + options.Value.Lead;
        // One query on the (completed, due_date) index; the reminder lookup is the unique index's.
        var candidates = await db.Tasks.AsNoTracking()
            .Where(t => !t.Completed && t.DueDate != null && t.DueDate > now && t.DueDate <= horizon
                && !db.TaskReminders.Any(r => r.TaskId == t.Id && r.DueDate == t.DueDate))
            .OrderBy(t => t.DueDate)
            .ThenBy(t => t.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var fired = 0;
        foreach (var task in candidates)
        {
            if (await TryFireAsync(task, now, cancellationToken))
            {
                fired++;
            }
        }
        if (smtp.Value.IsEnabled)
        {
            await RequeueStalledEmailsAsync(now, cancellationToken);
        }
        await ForgetPastRemindersAsync(now, cancellationToken);
        return fired;
    }

    private async Task<bool> TryFireAsync(TaskItem task, DateTime now, CancellationToken cancellationToken)
    {
        TaskEvent change;
        TaskReminder reminder;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A no-op update that matches only the task as it was read: it locks the row until commit
            // (a concurrent edit waits, a concurrent scan waits and then sees this reminder), and
            // finds nothing when the task changed, was completed or deleted since the scan read it.
            var unchanged = await db.Tasks
                .Where(t => t.Id == task.Id && t.Version == task.Version && !t.Completed)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.Version, t => t.Version), cancellationToken);
            var dueDate = task.DueDate!.Value;
            if (unchanged == 0 || await db.TaskReminders.AnyAsync(r => r.TaskId == task.Id && r.DueDate == dueDate, cancellationToken))
            {
                return false;
            }
            reminder = new TaskReminder
            {
                TaskId = task.Id,
                DueDate = dueDate,
                FiredAt = now,
                EmailDueAt = smtp.Value.IsEnabled ? now + ReminderMailer.RequeueAfter : null,
            };
            db.TaskReminders.Add(reminder);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
            {
                // The database's uniqueness is the last word: another instance fired it first.
                db.ChangeTracker.Clear();
                return false;
            }
            db.ChangeTracker.Clear();
            change = await events.AppendAsync(TaskEventType.DueSoon, task, actorId: null, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        metrics.Fired.Add(1);
        LogFired(logger, task.Id, change.Id);
        if (reminder.EmailDueAt is not null)
        {
            emails.Enqueue(reminder.Id);
        }
        foreach (var listener in listeners)
        {
            await listener.TaskChangedAsync(change, cancellationToken);
        }
        return true;
    }

    /// <summary>
    /// Enqueues again the e-mails whose job is presumed lost: still pending past the time their next
    /// attempt should have made progress (see <see cref="ReminderMailer.RequeueAfter"/>). Each is
    /// pushed a period further first, so the next scan leaves it alone while the new job runs.
    /// </summary>
    private async Task RequeueStalledEmailsAsync(DateTime now, CancellationToken cancellationToken)
    {
        var stalled = await db.TaskReminders.AsNoTracking()
            .Where(r => r.EmailDueAt != null && r.EmailDueAt <= now && r.EmailSentAt == null)
            .OrderBy(r => r.EmailDueAt)
            .Select(r => r.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var requeueAt = now + ReminderMailer.RequeueAfter;
        foreach (var id in stalled)
        {
            // Conditional, so two overlapping scans enqueue it once.
            var claimed = await db.TaskReminders
                .Where(r => r.Id == id && r.EmailDueAt != null && r.EmailDueAt <= now && r.EmailSentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.EmailDueAt, requeueAt), cancellationToken);
            if (claimed == 1)
            {
                LogRequeued(logger, id);
                emails.Enqueue(id);
            }
        }
    }

    /// <summary>
    /// A reminder for a due date already past can never fire again (only future due dates do), so
    /// its row is only kept while its e-mail may still be sent, and a day longer for clock skew.
    /// </summary>
    private async Task ForgetPastRemindersAsync(DateTime now, CancellationToken cancellationToken)
    {
        var before = now.AddDays(-1);
        await db.TaskReminders
            .Where(r => r.DueDate < before && r.EmailDueAt == null)
            .ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder fired for task {TaskId} (event {EventId}).")]
    private static partial void LogFired(ILogger logger, int taskId, long eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder e-mail {ReminderId} made no progress in time; its job is presumed lost and enqueued again.")]
    private static partial void LogRequeued(ILogger logger, long reminderId);
}
