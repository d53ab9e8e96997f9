using System.Globalization;
using System.Net;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Core.Reminders;

/// <summary>
/// Sends one reminder's e-mail: the body of the job engine's e-mail job, which retries it with backoff
/// while it throws. The <see cref="TaskReminder"/> row is the record: a run finds nothing to do once
/// the e-mail is sent or given up, and each attempt is claimed by a conditional update of its attempt
/// count, so two runs of one e-mail (a duplicate enqueued by <see cref="ReminderScan"/> after a crash)
/// never send at once. A process that dies mid-send may send it again later: at least once, with a
/// stable Message-Id that mail clients use to drop a duplicate.
/// </summary>
public sealed partial class ReminderMailer(
    TaskGraphDbContext db, TimeProvider time, IOptions<SmtpOptions> options, ReminderMetrics metrics, ILogger<ReminderMailer> logger)
{
    /// <summary>
    /// How long a pending e-mail may go without an attempt beyond its expected next one before the scan
    /// presumes its job lost (the process died between commit and enqueue) and enqueues it again.
    /// </summary>
    public static readonly TimeSpan RequeueAfter = TimeSpan.FromMinutes(10);

    /// <summary>Makes one attempt at the reminder's e-mail, unless it is sent, given up, its task gone or another run is at it; throws when the attempt fails.</summary>
    /// <returns>Whether this call sent it.</returns>
    public async Task<bool> DeliverAsync(long reminderId, CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            return false;
        }
        var email = await (
                from reminder in db.TaskReminders.AsNoTracking()
                where reminder.Id == reminderId && reminder.EmailDueAt != null && reminder.EmailSentAt == null
                join task in db.Tasks on reminder.TaskId equals task.Id
                join owner in db.Users on task.OwnerId equals owner.Id
                select new ReminderEmail(reminder.Id, reminder.EmailAttempts, task.Id, task.Title, reminder.DueDate, owner.Username, owner.Email))
            .FirstOrDefaultAsync(cancellationToken);
        if (email is null || !await ClaimAsync(email, cancellationToken))
        {
            return false;
        }
        var attempt = email.Attempts + 1;
        try
        {
            await SendAsync(Compose(email), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var abandoned = attempt >= options.Value.MaxAttempts;
            var requeueAt = abandoned ? (DateTime?)null : Now() + options.Value.RetryDelay(attempt) + RequeueAfter;
            await db.TaskReminders.Where(r => r.Id == email.ReminderId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.EmailDueAt, requeueAt), CancellationToken.None);
            metrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", abandoned ? "abandoned" : "failed"));
            LogSendFailed(logger, email.TaskId, attempt, options.Value.MaxAttempts, abandoned ? "given up" : "will be retried", exception.Message);
            throw;
        }
        var sentAt = Now();
        await db.TaskReminders.Where(r => r.Id == email.ReminderId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.EmailSentAt, sentAt).SetProperty(r => r.EmailDueAt, (DateTime?)null), CancellationToken.None);
        metrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        return true;
    }

    private DateTime Now() => UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);

    /// <summary>Counts the attempt if no other run counted one since <paramref name="email"/> was read; the pending mark moves past the attempt's timeout.</summary>
    private async Task<bool> ClaimAsync(ReminderEmail email, CancellationToken cancellationToken)
    {
        var requeueAt = Now() + TimeSpan.FromSeconds(options.Value.TimeoutSeconds) + RequeueAfter;
        return await db.TaskReminders
            .Where(r => r.Id == email.ReminderId && r.EmailAttempts == email.Attempts && r.EmailSentAt == null && r.EmailDueAt != null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.EmailAttempts, r => r.EmailAttempts + 1)
                .SetProperty(r => r.EmailDueAt, requeueAt), cancellationToken) == 1;
    }

    private async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var endpoint = options.Value.Endpoint();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        using var client = new SmtpClient { Timeout = options.Value.TimeoutSeconds * 1000 };
        await client.ConnectAsync(endpoint.Host, endpoint.Port, endpoint.Security, timeout.Token);
        if (endpoint.UserName is not null)
        {
            await client.AuthenticateAsync(endpoint.UserName, endpoint.Password ?? "", timeout.Token);
        }
        await client.SendAsync(message, timeout.Token);
        await client.DisconnectAsync(quit: true, timeout.Token);
    }

    private MimeMessage Compose(ReminderEmail email)
    {
        var due = email.DueDate.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var sender = options.Value.Sender();
        var title = WebUtility.HtmlEncode(email.Title);
        var body = new BodyBuilder
        {
            TextBody = $"Hello {email.Username},\n\nyour task \"{email.Title}\" (#{email.TaskId}) is due at {due}.\n\n-- TaskGraph\n",
            HtmlBody = $"<p>Hello {WebUtility.HtmlEncode(email.Username)},</p>\n<p>your task <strong>{title}</strong> (#{email.TaskId}) is due at {due}.</p>\n<p>&mdash; TaskGraph</p>\n",
        };
        var message = new MimeMessage
        {
            Subject = $"Due soon: {email.Title}",
            Body = body.ToMessageBody(),
            // The same id on every attempt: a duplicate after a crash is recognisable as one.
            MessageId = $"reminder-{email.ReminderId}@{sender.Domain}",
        };
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(email.Username, email.Address));
        return message;
    }

    private sealed record ReminderEmail(long ReminderId, int Attempts, int TaskId, string Title, DateTime DueDate, string Username, string Address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder e-mail for task {TaskId} failed (attempt {Attempt} of {MaxAttempts}, {Next}): {Reason}")]
    private static partial void LogSendFailed(ILogger logger, int taskId, int attempt, int maxAttempts, string next, string reason);
}
