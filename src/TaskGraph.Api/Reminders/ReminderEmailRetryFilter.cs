using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

/// <summary>
/// Hangfire's own <see cref="AutomaticRetryAttribute"/>, configured at start-up from <c>Smtp:MaxAttempts</c>
/// and <c>Smtp:RetryDelaysSeconds</c> (an attribute on the job could only hold constants), applied to
/// reminder e-mail jobs alone. After the last attempt the job stays <c>Failed</c> in the dashboard.
/// </summary>
public sealed class ReminderEmailRetryFilter(IOptions<SmtpOptions> smtp) : IElectStateFilter
{
    private readonly AutomaticRetryAttribute _retry = new()
    {
        Attempts = smtp.Value.MaxAttempts - 1,
        DelaysInSeconds = [.. smtp.Value.RetrySchedule],
        OnAttemptsExceeded = AttemptsExceededAction.Fail,
    };

    public void OnStateElection(ElectStateContext context)
    {
        if (context.BackgroundJob.Job?.Type == typeof(ReminderEmailJob))
        {
            _retry.OnStateElection(context);
        }
    }
}
