namespace TaskGraph.Core.Jobs;

/// <summary>A job and the items it skipped, in row order: what both faces show.</summary>
public sealed record JobReport(Job Job, IReadOnlyList<JobError> Errors);
