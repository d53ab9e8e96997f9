namespace TaskGraph.Schema.Types;

/// <summary>The direction of one sort key.</summary>
public enum SortDirection
{
    Ascending,
    Descending,
}
