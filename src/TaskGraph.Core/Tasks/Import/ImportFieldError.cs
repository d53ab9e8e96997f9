namespace TaskGraph.Core.Tasks.Import;

/// <summary>A value of an import row that did not have its field's type (stored as JSON with the row).</summary>
public sealed class ImportFieldError
{
    public required string Field { get; set; }

    public required string Message { get; set; }
}
