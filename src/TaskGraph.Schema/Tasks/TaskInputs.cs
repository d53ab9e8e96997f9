using TaskGraph.Schema.Common;

namespace TaskGraph.Schema.Tasks;

/// <summary>A task to create. Absent optional fields take their defaults.</summary>
public sealed record NewTask(string? Title, string? Description = null, bool? Completed = null, Priority? Priority = null, DateTime? DueDate = null);

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

/// <summary>The task field rules, in one place for REST and GraphQL.</summary>
public static class TaskRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    public static string? NormalizeTitle(string? title, ValidationErrors errors)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add("title", "Title is required and cannot be blank.");
            return null;
        }
        if (trimmed.Length > TitleMaxLength)
        {
            errors.Add("title", $"Title must be at most {TitleMaxLength} characters.");
        }
        return trimmed;
    }

    public static string? NormalizeDescription(string? description, ValidationErrors errors)
    {
        if (description is not null && description.Length > DescriptionMaxLength)
        {
            errors.Add("description", $"Description must be at most {DescriptionMaxLength} characters.");
        }
        return description;
    }

    public static void RequireValue<T>(Optional<T?> field, string name, ValidationErrors errors)
        where T : struct
    {
        if (field.HasValue && field.Value is null)
        {
            errors.Add(name, $"{name} cannot be null.");
        }
    }
}
