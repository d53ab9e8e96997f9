using System.Text.Json.Serialization;

namespace TaskGraph.Core.Common;

/// <summary>One page of a cursor-paginated list, in the list's order, with each row's cursor.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    [JsonIgnore]
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);
}

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
