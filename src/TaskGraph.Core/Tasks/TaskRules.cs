using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks;

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
        if (!TextRules.IsSingleLine(trimmed))
        {
            errors.Add("title", TextRules.Message);
        }
        return trimmed;
    }

    public static string? NormalizeDescription(string? description, ValidationErrors errors)
    {
        if (description is not null && description.Length > DescriptionMaxLength)
        {
            errors.Add("description", $"Description must be at most {DescriptionMaxLength} characters.");
        }
        if (description is not null && !TextRules.IsMultiLine(description))
        {
            errors.Add("description", TextRules.Message);
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
