namespace TaskGraph.Core.Common;

/// <summary>A request for one page of a cursor-paginated list (Relay's first/after/last/before).</summary>
public sealed record PageRequest(int? First = null, string? After = null, int? Last = null, string? Before = null)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    /// <summary>Reading backwards: the last <c>Last</c> rows before <c>Before</c> (or the end).</summary>
    public bool Backward => Last is not null;

    public int Size => First ?? Last ?? DefaultSize;

    /// <summary>Rejects what the Relay spec leaves undefined or we cannot serve cheaply.</summary>
    public void Validate()
    {
        var errors = new ValidationErrors();
        if (First is not null && Last is not null)
        {
            errors.Add("last", "Pass first or last, not both.");
        }
        CheckSize(First, "first", errors);
        CheckSize(Last, "last", errors);
        errors.ThrowIfAny();
    }

    private static void CheckSize(int? size, string name, ValidationErrors errors)
    {
        if (size is < 0 or > MaxSize)
        {
            errors.Add(name, $"{name} must be between 0 and {MaxSize}.");
        }
    }
}
