namespace TaskGraph.Core.Jobs;

/// <summary>Why one item of a job (an import row, numbered from 1) was skipped.</summary>
public sealed class JobError
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public int Row { get; set; }

    public required string Field { get; set; }

    public required string Message { get; set; }
}
