using TaskGraph.Schema.Common;
using TaskGraph.Schema.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>Body of POST (create) and PUT (full replace: optional fields not sent become null/default).</summary>
public sealed record TaskRequest(string? Title, string? Description, bool? Completed, Priority? Priority, DateTime? DueDate)
{
    public NewTask ToNewTask() => new(Title, Description, Completed, Priority, DueDate);
}

/// <summary>Body of PATCH: only the fields sent change; a field sent as null is cleared.</summary>
public sealed record TaskPatchRequest(
    Optional<string?> Title,
    Optional<string?> Description,
    Optional<bool?> Completed,
    Optional<Priority?> Priority,
    Optional<DateTime?> DueDate)
{
    public TaskChanges ToChanges() => new(Title, Description, Completed, Priority, DueDate);
}

public sealed record TaskResponse(
    int Id,
    string Title,
    string? Description,
    bool Completed,
    Priority Priority,
    DateTime? DueDate,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int OwnerId,
    int Version)
{
    public static TaskResponse From(TaskItem task) => new(
        task.Id, task.Title, task.Description, task.Completed, task.Priority, task.DueDate,
        task.CreatedAt, task.UpdatedAt, task.OwnerId, task.Version);
}
