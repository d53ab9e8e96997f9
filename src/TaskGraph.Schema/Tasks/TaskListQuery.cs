namespace TaskGraph.Schema.Tasks;

/// <summary>The keys a task list can be sorted by.</summary>
public enum TaskSortField
{
    CreatedAt,
    UpdatedAt,
    DueDate,
    Priority,
    Title,
    Completed,
}

public sealed record TaskSort(TaskSortField Field, bool Descending)
{
    public static readonly TaskSort Default = new(TaskSortField.CreatedAt, Descending: true);
}

/// <summary>The simple filters of the REST list (GraphQL's <c>where</c> is richer and builds its own predicate).</summary>
public sealed record TaskFilter(bool? Completed = null, Priority? Priority = null, string? Text = null, int? OwnerId = null);
