namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>The answer to an accepted import: follow <c>Location</c> (<c>/v1/jobs/{job_id}</c>) for its progress.</summary>
public sealed record ImportStartedResponse(Guid JobId);
