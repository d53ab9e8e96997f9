namespace TaskGraph.Core.Tasks;

/// <summary>A task to create. Absent optional fields take their defaults.</summary>
public sealed record NewTask(string? Title, string? Description = null, bool? Completed = null, Priority? Priority = null, DateTime? DueDate = null);
