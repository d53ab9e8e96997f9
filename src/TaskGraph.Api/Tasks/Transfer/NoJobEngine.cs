using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>Stands in for the Hangfire job client until the job engine (issue 13, branch webhooks) is merged: refuses instead of queueing a job nothing would run.</summary>
public sealed class NoJobEngine : ITaskImportJobs
{
    public void Enqueue(Guid jobId) =>
        throw new DomainException(ErrorKind.UpstreamUnavailable, "Imports need the background job engine, which this deployment does not run yet.");
}
