using System.Text.Json;

namespace TaskGraph.Core.Tasks.Listing;

/// <summary>What each filterable field holds and which operators it takes (the same on both faces).</summary>
public static class TaskFields
{
    private static readonly FilterOperator[] TextOperators =
        [FilterOperator.Eq, FilterOperator.Neq, FilterOperator.In, FilterOperator.Nin, FilterOperator.Contains, FilterOperator.StartsWith];

    private static readonly FilterOperator[] BooleanOperators = [FilterOperator.Eq, FilterOperator.Neq];

    private static readonly FilterOperator[] OrderedOperators =
        [FilterOperator.Eq, FilterOperator.Neq, FilterOperator.Gt, FilterOperator.Gte, FilterOperator.Lt, FilterOperator.Lte, FilterOperator.In];

    /// <summary>The type of a condition's value: string, bool, <see cref="Tasks.Priority"/>, a UTC DateTime, or an int id.</summary>
    public static Type ValueType(TaskField field) => field switch
    {
        TaskField.Title or TaskField.Description => typeof(string),
        TaskField.Completed => typeof(bool),
        TaskField.Priority => typeof(Priority),
        TaskField.DueDate or TaskField.CreatedAt or TaskField.UpdatedAt => typeof(DateTime),
        TaskField.OwnerId => typeof(int),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown field."),
    };

    /// <summary>Whether a task may have no value there (so Eq/Neq null mean something).</summary>
    public static bool IsOptional(TaskField field) => field is TaskField.Description or TaskField.DueDate;

    public static IReadOnlyList<FilterOperator> Operators(TaskField field) => ValueType(field) == typeof(string) ? TextOperators
        : ValueType(field) == typeof(bool) ? BooleanOperators
        : OrderedOperators;

    /// <summary>The field's name in validation errors: snake_case, as the core names every field (GraphQL camel-cases it).</summary>
    public static string Name(TaskField field) => JsonNamingPolicy.SnakeCaseLower.ConvertName(field.ToString());
}
