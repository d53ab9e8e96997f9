using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>Body of POST (create) and PUT (full replace: optional fields not sent become null/default); defaults mark them optional in OpenAPI.</summary>
public sealed record TaskRequest(string? Title, string? Description = null, bool? Completed = null, Priority? Priority = null, DateTime? DueDate = null)
{
    public NewTask ToNewTask() => new(Title, Description, Completed, Priority, DueDate);
}
