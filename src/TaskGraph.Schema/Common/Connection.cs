using System.Text.Json.Serialization;

namespace TaskGraph.Schema.Common;

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

/// <summary>One page of a cursor-paginated list, in the list's order, with each row's cursor.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    [JsonIgnore]
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

public sealed record Edge<T>(string Cursor, T Node);

public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

public static class Connection
{
    /// <summary>
    /// The page from rows read in the page's direction, one more than its size if more follow.
    /// <paramref name="beyondCursor"/> says whether rows exist on the far side of the cursor the read started from.
    /// </summary>
    public static Connection<T> FromRows<T>(List<T> rows, PageRequest page, bool beyondCursor, int totalCount, Func<T, string> cursorOf)
    {
        var more = rows.Count > page.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }
        if (page.Backward)
        {
            rows.Reverse();
        }
        var edges = rows.Select(row => new Edge<T>(cursorOf(row), row)).ToList();
        var info = new PageInfo(
            HasNextPage: page.Backward ? beyondCursor : more,
            HasPreviousPage: page.Backward ? more : beyondCursor,
            StartCursor: edges.FirstOrDefault()?.Cursor,
            EndCursor: edges.LastOrDefault()?.Cursor);
        return new Connection<T>(edges, info, totalCount);
    }
}
