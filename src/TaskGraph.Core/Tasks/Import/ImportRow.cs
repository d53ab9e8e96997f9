namespace TaskGraph.Core.Tasks.Import;

/// <summary>
/// One row of an upload, kept until its import job has turned it into a task or an error. Values that
/// did not have the right type are already reported in <see cref="Errors"/>; the job checks the rest.
/// </summary>
public sealed class ImportRow
{
    /// <summary>The field of an error about the whole row (a JSON row that is not an object).</summary>
    public const string WholeRow = "row";

    public Guid JobId { get; set; }

    /// <summary>The row's number in the upload, from 1 (a CSV header is not a row).</summary>
    public int Row { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public bool? Completed { get; set; }

    public Priority? Priority { get; set; }

    public DateTime? DueDate { get; set; }

    /// <summary>Type errors found while reading the upload.</summary>
    public List<ImportFieldError> Errors { get; set; } = [];

    public NewTask ToNewTask() => new(Title, Description, Completed, Priority, DueDate);
}
