namespace TaskGraph.Core.Common;

/// <summary>One page of an offset-paginated list and the total it was cut from.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount, int Skip, int Limit);
