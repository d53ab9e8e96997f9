using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using TaskGraph.Api.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Listing;

namespace TaskGraph.Api.Tasks;

/// <summary>
/// Query parameters of GET /v1/tasks, mapped onto the core's list vocabulary. Besides the named ones,
/// <c>field[operator]=value</c> tests any field with any operator GraphQL's <c>where</c> has
/// (<c>due_date[gte]=2026-12-01</c>, <c>priority[in]=low&amp;priority[in]=high</c>). Bound as text and
/// checked here, so every bad value is a 422 naming its parameter.
/// </summary>
public sealed partial record TaskListParameters(
    [property: FromQuery(Name = "skip")] string? Skip,
    [property: FromQuery(Name = "limit")] string? Limit,
    [property: FromQuery(Name = "completed")] string? Completed,
    [property: FromQuery(Name = "priority")] string? Priority,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "owner_id")] string? OwnerId,
    [property: FromQuery(Name = "sort")] string? Sort)
{
    private static readonly Dictionary<string, TaskField> Fields = Enum.GetValues<TaskField>().ToDictionary(TaskFields.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, FilterOperator> Operators =
        Enum.GetValues<FilterOperator>().ToDictionary(o => JsonNamingPolicy.SnakeCaseLower.ConvertName(o.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<string, TaskSortField> SortFields =
        Enum.GetValues<TaskSortField>().ToDictionary(f => JsonNamingPolicy.SnakeCaseLower.ConvertName(f.ToString()), StringComparer.Ordinal);

    private static readonly HashSet<string> Named = ["completed", "priority", "q", "owner_id", "sort"];

    public TaskListRequest Parse(IQueryCollection query)
    {
        var errors = new ValidationErrors();
        var (skip, limit) = PagingHeaders.ParsePaging(Skip, Limit, errors);
        var conditions = Conditions(query, errors);
        List<TaskFilter>? or = null;
        if (Q is not null && !StorableText.IsValid(Q))
        {
            errors.Add("q", "Text cannot hold NUL characters.");
        }
        else if (!string.IsNullOrWhiteSpace(Q))
        {
            // q: the title or the description contains the text, ignoring case.
            var text = Q.Trim();
            or = [new([new(TaskField.Title, FilterOperator.Contains, text)]), new([new(TaskField.Description, FilterOperator.Contains, text)])];
        }
        var sorts = ParseSort(errors);
        var listQuery = TaskListQuery.TryCreate(new TaskFilter(conditions, Or: or), sorts, "filter", "sort", errors);
        errors.ThrowIfAny();
        var carried = query
            .Where(p => Named.Contains(p.Key) || FilterParameter().IsMatch(p.Key))
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .ToList();
        return new TaskListRequest(listQuery!, skip, limit, carried);
    }

    /// <summary>
    /// One condition per (field, operator), in a fixed order, so equal queries spelled differently normalize alike.
    /// <c>completed</c>, <c>priority</c> and <c>owner_id</c> are <c>[eq]</c> spelled short.
    /// </summary>
    private List<TaskCondition> Conditions(IQueryCollection query, ValidationErrors errors)
    {
        var tests = new SortedDictionary<(TaskField, FilterOperator), (string Parameter, string[] Values)>();
        void Add(TaskField field, FilterOperator operation, string parameter, string[] values)
        {
            values = [.. values.Where(v => !string.IsNullOrEmpty(v))];
            if (values.Length == 0)
            {
                return;
            }
            if (!tests.TryAdd((field, operation), (parameter, values)))
            {
                errors.Add(parameter, $"{parameter} repeats {tests[(field, operation)].Parameter}: give each test once.");
            }
        }

        Add(TaskField.Completed, FilterOperator.Eq, "completed", [Completed!]);
        Add(TaskField.Priority, FilterOperator.Eq, "priority", [Priority!]);
        Add(TaskField.OwnerId, FilterOperator.Eq, "owner_id", [OwnerId!]);
        foreach (var (parameter, values) in query)
        {
            if (FilterParameter().Match(parameter) is not { Success: true } match)
            {
                continue; // not a filter: ignored, like any unknown parameter
            }
            if (!Fields.TryGetValue(match.Groups["field"].Value, out var field))
            {
                errors.Add(parameter, $"Cannot filter by {match.Groups["field"].Value}. Fields: {string.Join(", ", Fields.Keys)}.");
            }
            else if (!Operators.TryGetValue(match.Groups["operator"].Value, out var operation) || !TaskFields.Operators(field).Contains(operation))
            {
                var allowed = TaskFields.Operators(field).Select(o => Operators.First(p => p.Value == o).Key);
                errors.Add(parameter, $"{match.Groups["field"].Value} takes the operators {string.Join(", ", allowed)}.");
            }
            else
            {
                Add(field, operation, parameter, values.ToArray()!);
            }
        }

        var conditions = new List<TaskCondition>();
        foreach (var ((field, operation), (parameter, values)) in tests)
        {
            var isList = operation is FilterOperator.In or FilterOperator.Nin;
            if (!isList && values.Length > 1)
            {
                errors.Add(parameter, $"Give {parameter} once (in and nin take one value per repetition).");
                continue;
            }
            var parsed = new List<object?>();
            var allowNull = operation is FilterOperator.Eq or FilterOperator.Neq && TaskFields.IsOptional(field);
            foreach (var text in values)
            {
                if (!TryParseValue(field, text, allowNull, out var value))
                {
                    errors.Add(parameter, Expected(field, allowNull));
                    break;
                }
                parsed.Add(value);
            }
            if (parsed.Count == values.Length)
            {
                conditions.Add(new TaskCondition(field, operation, isList ? parsed : parsed[0]));
            }
        }
        return conditions;
    }

    /// <summary>A value of the field's type; <c>null</c> means "no value" where a task may have none.</summary>
    private static bool TryParseValue(TaskField field, string text, bool allowNull, out object? value)
    {
        value = null;
        if (allowNull && text == "null")
        {
            return true;
        }
        var type = TaskFields.ValueType(field);
        if (type == typeof(string))
        {
            value = StorableText.IsValid(text) ? text : null;
        }
        else if (type == typeof(bool) && bool.TryParse(text, out var flag))
        {
            value = flag;
        }
        else if (type == typeof(Priority) && !char.IsAsciiDigit(text[0]) && Enum.TryParse<Priority>(text, ignoreCase: true, out var priority) && Enum.IsDefined(priority))
        {
            value = priority;
        }
        else if (type == typeof(DateTime) && UtcDateTimeJsonConverter.TryParse(text, out var instant))
        {
            value = instant;
        }
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            value = id;
        }
        return value is not null;
    }

    private static string Expected(TaskField field, bool allowNull)
    {
        var type = TaskFields.ValueType(field);
        var expected = type == typeof(string) ? "Text cannot hold NUL characters."
            : type == typeof(bool) ? "Must be true or false."
            : type == typeof(Priority) ? $"Must be one of: {string.Join(", ", Enum.GetNames<Priority>().Select(n => n.ToLowerInvariant()))}."
            : type == typeof(DateTime) ? UtcDateTimeJsonConverter.Expected
            : "Must be an integer ≥ 1.";
        return allowNull ? $"{expected} Or null: has no value." : expected;
    }

    /// <summary><c>sort=-priority,created_at</c>: comma-separated keys, <c>-</c> for descending; the names of GraphQL's <c>order</c> keys in snake_case.</summary>
    private List<TaskSort> ParseSort(ValidationErrors errors)
    {
        var sorts = new List<TaskSort>();
        if (string.IsNullOrWhiteSpace(Sort))
        {
            return sorts;
        }
        foreach (var key in Sort.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = key.StartsWith('-');
            if (SortFields.TryGetValue(descending ? key[1..] : key, out var field))
            {
                sorts.Add(new TaskSort(field, descending));
            }
            else
            {
                errors.Add("sort", $"Unknown sort key '{key}'. Use {string.Join(", ", SortFields.Keys)}, with '-' for descending.");
            }
        }
        return sorts;
    }

    [GeneratedRegex(@"^(?<field>[a-z_]+)\[(?<operator>[a-z_]*)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex FilterParameter();
}
