namespace TaskGraph.Core.Tasks;

/// <summary>A task (named TaskItem so it never collides with System.Threading.Tasks.Task).</summary>
public sealed class TaskItem
{
    public int Id { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public bool Completed { get; set; }

    public Priority Priority { get; set; } = Priority.Medium;

    public DateTime? DueDate { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public int OwnerId { get; set; }

    /// <summary>Concurrency token: +1 on every change, checked by every conditional update.</summary>
    public int Version { get; set; } = 1;
}
