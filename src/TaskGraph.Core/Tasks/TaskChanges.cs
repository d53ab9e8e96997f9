using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks;

/// <summary>
/// Changes to a task. Absent fields stay as they are; fields present as null are cleared (or, for
/// required fields, rejected). A full replace (PUT) is a change with every field present.
/// </summary>
public sealed record TaskChanges(
    Optional<string?> Title = default,
    Optional<string?> Description = default,
    Optional<bool?> Completed = default,
    Optional<Priority?> Priority = default,
    Optional<DateTime?> DueDate = default)
{
    public bool IsEmpty => !Title.HasValue && !Description.HasValue && !Completed.HasValue && !Priority.HasValue && !DueDate.HasValue;

    /// <summary>PUT semantics: optional fields not sent become null/default.</summary>
    public static TaskChanges Replace(NewTask task) => new(
        task.Title,
        task.Description,
        task.Completed ?? false,
        task.Priority ?? Tasks.Priority.Medium,
        task.DueDate);
}
