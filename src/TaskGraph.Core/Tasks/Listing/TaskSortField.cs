namespace TaskGraph.Core.Tasks.Listing;

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
