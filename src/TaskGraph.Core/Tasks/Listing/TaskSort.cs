namespace TaskGraph.Core.Tasks.Listing;

public sealed record TaskSort(TaskSortField Field, bool Descending)
{
    /// <summary>Newest first, when a list names no order.</summary>
    public static readonly TaskSort Default = new(TaskSortField.CreatedAt, Descending: true);
}
