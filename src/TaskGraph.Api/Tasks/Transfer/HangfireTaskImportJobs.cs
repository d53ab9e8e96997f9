using Hangfire;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>Import jobs on Hangfire: retried with backoff when a run fails, picked up by one instance.</summary>
public sealed class HangfireTaskImportJobs(IBackgroundJobClient client) : ITaskImportJobs
{
    // Hangfire passes its own shutdown token in place of CancellationToken.None.
    public void Enqueue(Guid jobId) => client.Enqueue<TaskImportJob>(job => job.RunAsync(jobId, CancellationToken.None));
}
