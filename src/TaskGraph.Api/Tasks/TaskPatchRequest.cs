using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

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
