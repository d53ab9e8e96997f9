namespace TaskGraph.Core.Jobs;

/// <summary>Why one item of a job (an import row, numbered from 1) was skipped, or (row 0) why the whole job failed.</summary>
public sealed class JobError
{
    /// <summary>The field of the error that ends a failed job; its row is 0, before every item.</summary>
    public const string WholeJob = "job";

    public long Id { get; set; }

    public Guid JobId { get; set; }

    public int Row { get; set; }

    public required string Field { get; set; }

    public required string Message { get; set; }
}
