using Microsoft.AspNetCore.Mvc;
using TaskGraph.Api.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>
/// Query parameters of GET /v1/tasks. Bound as text and validated here, so every bad value is a
/// 422 that names the parameter (never a 400 from the binder).
/// </summary>
public sealed record TaskListParameters(
    [property: FromQuery(Name = "skip")] string? Skip,
    [property: FromQuery(Name = "limit")] string? Limit,
    [property: FromQuery(Name = "completed")] string? Completed,
    [property: FromQuery(Name = "priority")] string? Priority,
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "owner_id")] string? OwnerId,
    [property: FromQuery(Name = "sort")] string? Sort)
{
    private static readonly Dictionary<string, TaskSortField> SortFields = new(StringComparer.Ordinal)
    {
        ["created_at"] = TaskSortField.CreatedAt,
        ["updated_at"] = TaskSortField.UpdatedAt,
        ["due_date"] = TaskSortField.DueDate,
        ["priority"] = TaskSortField.Priority,
        ["title"] = TaskSortField.Title,
    };

    public (TaskFilter Filter, IReadOnlyList<TaskSort> Sorts, int Skip, int Limit) Parse()
    {
        var errors = new ValidationErrors();
        var (skip, limit) = PagingHeaders.ParsePaging(Skip, Limit, errors);
        var filter = new TaskFilter(
            QueryValues.ParseBool(Completed, "completed", errors),
            QueryValues.ParseEnum<Priority>(Priority, "priority", errors),
            string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(),
            string.IsNullOrEmpty(OwnerId) ? null : QueryValues.ParseInt(OwnerId, "owner_id", 0, 1, int.MaxValue, errors));
        var sorts = ParseSort(errors);
        errors.ThrowIfAny();
        return (filter, sorts, skip, limit);
    }

    /// <summary><c>sort=-priority,created_at</c>: comma-separated keys, <c>-</c> for descending.</summary>
    private List<TaskSort> ParseSort(ValidationErrors errors)
    {
        var sorts = new List<TaskSort>();
        if (string.IsNullOrWhiteSpace(Sort))
        {
            sorts.Add(TaskSort.Default);
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
}
