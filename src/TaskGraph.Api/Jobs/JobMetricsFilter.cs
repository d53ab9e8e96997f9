using Hangfire.States;
using Hangfire.Storage;
using TaskGraph.Api.Observability;

namespace TaskGraph.Api.Jobs;

/// <summary>Counts jobs entering the enqueued, succeeded and failed states, by job class, for <c>/metrics</c>.</summary>
public sealed class JobMetricsFilter(TaskGraphMetrics metrics) : IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var state = context.NewState switch
        {
            EnqueuedState => "enqueued",
            SucceededState => "succeeded",
            FailedState => "failed",
            _ => null,
        };
        if (state is not null)
        {
            metrics.Jobs.Add(1, new("state", state), new("job", context.BackgroundJob.Job?.Type.Name ?? "unknown"));
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }
}
