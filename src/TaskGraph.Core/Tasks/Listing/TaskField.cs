namespace TaskGraph.Core.Tasks.Listing;

/// <summary>The task fields a list can be filtered by; <see cref="TaskFields"/> says what each accepts.</summary>
public enum TaskField
{
    Title,
    Description,
    Completed,
    Priority,
    DueDate,
    CreatedAt,
    UpdatedAt,
    OwnerId,
}
