namespace TaskGraph.Schema.Common;

/// <summary>One page of an offset-paginated list and the total it was cut from.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Limit);

/// <summary>Offset paging bounds shared by every list (REST lists cap at 100 like GitHub's).</summary>
public static class Paging
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
}
