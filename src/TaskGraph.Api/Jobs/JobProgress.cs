namespace TaskGraph.Api.Jobs;

/// <summary>Items finished (imported or reported as errors) out of the total.</summary>
public sealed record JobProgress(int Done, int Total);
