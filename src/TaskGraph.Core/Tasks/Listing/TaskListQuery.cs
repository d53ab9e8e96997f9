using System.Collections;
using System.Text.Json;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks.Listing;

/// <summary>
/// A task list request in the one vocabulary REST and GraphQL both translate into: a filter and a
/// sort order. Checked against the bounds when created, so an invalid query never reaches the database.
/// </summary>
public sealed class TaskListQuery
{
    public const int MaxSortKeys = 5;
    public const int MaxNesting = 5;
    public const int MaxConditions = 50;
    public const int MaxListLength = 100;

    private string? _key;

    private TaskListQuery(TaskFilter filter, IReadOnlyList<TaskSort> sort)
    {
        Filter = filter;
        Sort = sort;
    }

    public static TaskListQuery Default { get; } = new(TaskFilter.None, [TaskSort.Default]);

    public TaskFilter Filter { get; }

    /// <summary>The sort keys, never empty: <see cref="TaskSort.Default"/> when none was given. Ties break by id.</summary>
    public IReadOnlyList<TaskSort> Sort { get; }

    /// <summary>The query as canonical text: equal queries have equal keys (list caches key pages by it).</summary>
    public string Key => _key ??= JsonSerializer.Serialize(new { Filter, Sort });

    /// <summary>The query, or a validation error naming <paramref name="filterArgument"/>, <paramref name="sortArgument"/> or a field.</summary>
    public static TaskListQuery Create(TaskFilter filter, IReadOnlyList<TaskSort> sort, string filterArgument, string sortArgument)
    {
        var errors = new ValidationErrors();
        var query = TryCreate(filter, sort, filterArgument, sortArgument, errors);
        errors.ThrowIfAny();
        return query!;
    }

    /// <summary>Like <see cref="Create"/>, but adds the errors to a face's own, so one response reports every bad parameter.</summary>
    public static TaskListQuery? TryCreate(TaskFilter filter, IReadOnlyList<TaskSort> sort, string filterArgument, string sortArgument, ValidationErrors errors)
    {
        var valid = CheckSort(sort, sortArgument, errors);
        var conditions = 0;
        valid &= CheckFilter(filter, 1, ref conditions, filterArgument, errors);
        return valid ? new TaskListQuery(filter, sort.Count == 0 ? [TaskSort.Default] : sort) : null;
    }

    private static bool CheckSort(IReadOnlyList<TaskSort> sort, string argument, ValidationErrors errors)
    {
        if (sort.Count > MaxSortKeys)
        {
            // Bounds the keyset predicate, which grows with the square of the key count.
            errors.Add(argument, $"Sort by at most {MaxSortKeys} keys.");
            return false;
        }
        if (sort.DistinctBy(s => s.Field).Count() != sort.Count)
        {
            errors.Add(argument, "Sort by each field at most once.");
            return false;
        }
        return true;
    }

    private static bool CheckFilter(TaskFilter filter, int depth, ref int conditions, string argument, ValidationErrors errors)
    {
        if (depth > MaxNesting)
        {
            errors.Add(argument, $"Filters nest at most {MaxNesting} deep.");
            return false;
        }
        var nested = (filter.And ?? []).Concat(filter.Or ?? []).ToList();
        conditions += filter.Conditions.Count + nested.Count;
        if (conditions > MaxConditions)
        {
            errors.Add(argument, $"A filter has at most {MaxConditions} conditions.");
            return false;
        }
        var valid = true;
        foreach (var condition in filter.Conditions)
        {
            valid &= CheckCondition(condition, errors);
        }
        foreach (var inner in nested)
        {
            if (!CheckFilter(inner, depth + 1, ref conditions, argument, errors))
            {
                return false;
            }
        }
        return valid;
    }

    private static bool CheckCondition(TaskCondition condition, ValidationErrors errors)
    {
        var (field, operation, value) = condition;
        var name = TaskFields.Name(field);
        if (!TaskFields.Operators(field).Contains(operation))
        {
            errors.Add(name, $"{name} cannot be compared with {OperatorName(operation)}.");
            return false;
        }
        if (operation is FilterOperator.In or FilterOperator.Nin)
        {
            if (value is not IList list)
            {
                errors.Add(name, $"{OperatorName(operation)} needs a list of values.");
                return false;
            }
            if (list.Count > MaxListLength)
            {
                errors.Add(name, $"{OperatorName(operation)} takes at most {MaxListLength} values.");
                return false;
            }
            foreach (var item in list)
            {
                CheckType(field, item, allowNull: TaskFields.ValueType(field) == typeof(string));
            }
            return list.Cast<object?>().All(item => CheckText(name, item, errors));
        }
        if (value is null && operation is not (FilterOperator.Eq or FilterOperator.Neq))
        {
            errors.Add(name, $"{OperatorName(operation)} needs a value.");
            return false;
        }
        CheckType(field, value, allowNull: true);
        return CheckText(name, value, errors);
    }

    private static bool CheckText(string name, object? value, ValidationErrors errors)
    {
        if (value is string text && !StorableText.IsValid(text))
        {
            errors.Add(name, "Text cannot hold NUL characters or unpaired surrogates.");
            return false;
        }
        return true;
    }

    private static string OperatorName(FilterOperator operation) => JsonNamingPolicy.CamelCase.ConvertName(operation.ToString());

    /// <summary>A value of the wrong type is a bug in the face that built the condition, not the client's mistake.</summary>
    private static void CheckType(TaskField field, object? value, bool allowNull)
    {
        if (value is null ? !allowNull : value.GetType() != TaskFields.ValueType(field))
        {
            throw new ArgumentException($"A {field} condition needs {TaskFields.ValueType(field).Name} values, not {value?.GetType().Name ?? "null"}.", nameof(value));
        }
    }
}
