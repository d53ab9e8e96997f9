namespace TaskGraph.Api.Tasks.Batch;

/// <summary>How many tasks the batch changed (tasks already in the asked-for state do not count).</summary>
public sealed record TaskBatchResponse(int Updated);
