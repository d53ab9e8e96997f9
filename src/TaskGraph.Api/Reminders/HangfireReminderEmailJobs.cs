using Hangfire;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

/// <summary>Reminder e-mails on Hangfire: each one a job, taken by one instance, retried by <see cref="ReminderEmailRetryFilter"/>.</summary>
public sealed class HangfireReminderEmailJobs(IBackgroundJobClient client) : IReminderEmailJobs
{
    // Hangfire passes its own shutdown token in place of CancellationToken.None.
    public void Enqueue(long reminderId) => client.Enqueue<ReminderEmailJob>(job => job.SendAsync(reminderId, CancellationToken.None));
}
