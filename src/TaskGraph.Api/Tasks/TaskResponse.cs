using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

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
