namespace TaskGraph.Core.Common;

/// <summary>Offset paging bounds shared by every list (REST lists cap at 100 like GitHub's).</summary>
public static class Paging
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
}
