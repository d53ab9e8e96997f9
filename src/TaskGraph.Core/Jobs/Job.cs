namespace TaskGraph.Core.Jobs;

/// <summary>A background job a user started (an import), with its progress: what <c>GET /v1/jobs/{id}</c> shows.</summary>
public sealed class Job
{
    public const string TaskImport = "task_import";

    public Guid Id { get; set; }

    public required string Type { get; set; }

    public int OwnerId { get; set; }

    public JobStatus Status { get; set; }

    /// <summary>Items the job has finished with, counted in the same transaction as their effects.</summary>
    public int Done { get; set; }

    public int Total { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}
