using GraphQL.Types;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Schema.Types;

public sealed class JobStatusType : EnumerationGraphType
{
    public JobStatusType()
    {
        Name = "JobStatus";
        Description = "Where a background job is.";
        Add("QUEUED", JobStatus.Queued, "Waiting for a worker.");
        Add("RUNNING", JobStatus.Running, "Being worked on.");
        Add("SUCCEEDED", JobStatus.Succeeded, "Finished; skipped rows are in `errors`.");
        Add("FAILED", JobStatus.Failed, "Stopped for good.");
    }
}
