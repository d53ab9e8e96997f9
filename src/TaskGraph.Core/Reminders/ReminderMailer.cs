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
/// Sends the reminder e-mails that are due, from the outbox on <see cref="TaskReminder"/> rows, so a
/// reminder's e-mail is recorded in the same transaction as its event and an SMTP outage only delays
/// it. Each e-mail is claimed by a conditional update before it is sent, so two instances never send
/// the same one at once; a process that dies while sending leaves a claim that expires and is retried
/// (at least once, with a stable Message-Id that mail clients use to drop a duplicate).
/// </summary>
public sealed partial class ReminderMailer(
    TaskGraphDbContext db, TimeProvider time, IOptions<SmtpOptions> options, ReminderMetrics metrics, ILogger<ReminderMailer> logger)
{
    /// <summary>E-mails handled per pass, so one pass is bounded work.</summary>
    public const int BatchSize = 50;

    /// <summary>The wait after each failed attempt (the last one repeats); Standard Webhooks' schedule, shortened.</summary>
    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10)];

    /// <summary>How long a claimed e-mail is left alone: longer than any attempt can take.</summary>
    private TimeSpan ClaimTimeout => TimeSpan.FromSeconds(options.Value.TimeoutSeconds * 4);

    /// <summary>Sends (or retries) every e-mail whose time has come, at most a batch; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsEnabled)
        {
            return 0;
        }
        var now = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        var due = await (
                from reminder in db.TaskReminders.AsNoTracking()
                where reminder.EmailDueAt != null && reminder.EmailDueAt <= now
                join task in db.Tasks on reminder.TaskId equals task.Id
                join owner in db.Users on task.OwnerId equals owner.Id
                orderby reminder.EmailDueAt
                select new ReminderEmail(reminder.Id, reminder.EmailAttempts, task.Id, task.Title, reminder.DueDate, owner.Username, owner.Email))
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var email in due)
        {
            if (await ClaimAsync(email, now, cancellationToken) && await TrySendAsync(email, cancellationToken))
            {
                sent++;
            }
        }
        return sent;
    }

    private async Task<bool> ClaimAsync(ReminderEmail email, DateTime now, CancellationToken cancellationToken) =>
        await db.TaskReminders
            .Where(r => r.Id == email.ReminderId && r.EmailAttempts == email.Attempts && r.EmailSentAt == null)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.EmailAttempts, r => r.EmailAttempts + 1)
                .SetProperty(r => r.EmailDueAt, now + ClaimTimeout), cancellationToken) == 1;

    private async Task<bool> TrySendAsync(ReminderEmail email, CancellationToken cancellationToken)
    {
        var attempt = email.Attempts + 1;
        try
        {
            await SendAsync(Compose(email), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var abandoned = attempt >= options.Value.MaxAttempts;
            var retryAt = abandoned ? (DateTime?)null : UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime) + Delays[Math.Min(attempt, Delays.Length) - 1];
            await db.TaskReminders.Where(r => r.Id == email.ReminderId)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.EmailDueAt, retryAt), CancellationToken.None);
            metrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", abandoned ? "abandoned" : "failed"));
            LogSendFailed(logger, email.TaskId, attempt, retryAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never (given up)", exception.Message);
            return false;
        }
        var sentAt = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        await db.TaskReminders.Where(r => r.Id == email.ReminderId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.EmailSentAt, sentAt).SetProperty(r => r.EmailDueAt, (DateTime?)null), CancellationToken.None);
        metrics.Emails.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        return true;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder e-mail for task {TaskId} failed (attempt {Attempt}); next attempt {RetryAt}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, int taskId, int attempt, string retryAt, string reason);
}
