using Hangfire.States;

namespace TaskGraph.Api.Webhooks;

/// <summary>
/// Turns a failed delivery job into the same job scheduled at the attempt's next retry time (Standard
/// Webhooks' schedule, not Hangfire's own backoff): the retry is a state change of the job in the job
/// storage, so it survives restarts like the job itself.
/// </summary>
public sealed class WebhookRetryFilter : IElectStateFilter
{
    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState { Exception: WebhookAttemptFailedException { NextRetryAt: { } retryAt } failure })
        {
            context.CandidateState = new ScheduledState(retryAt) { Reason = $"{failure.Message} Retry as scheduled." };
        }
    }
}
