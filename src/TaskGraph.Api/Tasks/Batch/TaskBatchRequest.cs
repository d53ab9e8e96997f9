using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Batch;

namespace TaskGraph.Api.Tasks.Batch;

/// <summary>Body of POST /v1/tasks/batch; every field is checked by the core, so a missing one is a 422 naming it.</summary>
public sealed record TaskBatchRequest(BatchAction? Action, int[]? Ids, Priority? Priority = null)
{
    public TaskBatch ToBatch() => new(Action, Ids, Priority);
}
