using Hangfire;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

/// <summary>One reminder's e-mail as a Hangfire job, enqueued once the reminder is committed (<see cref="HangfireReminderEmailJobs"/>).</summary>
public sealed class ReminderEmailJob(ReminderMailer mailer)
{
    // Retried by ReminderEmailRetryFilter, on SMTP's MaxAttempts and RetryDelaysSeconds instead of Hangfire's default 10 attempts (which logs them).
    [AutomaticRetry(Attempts = 0, LogEvents = false)]
    public Task SendAsync(long reminderId, CancellationToken cancellationToken) => mailer.DeliverAsync(reminderId, cancellationToken);
}
