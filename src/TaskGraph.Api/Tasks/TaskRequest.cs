using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>Body of POST (create) and PUT (full replace: optional fields not sent become null/default).</summary>
public sealed record TaskRequest(string? Title, string? Description, bool? Completed, Priority? Priority, DateTime? DueDate)
{
    public NewTask ToNewTask() => new(Title, Description, Completed, Priority, DueDate);
}
