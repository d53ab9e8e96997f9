using System.Collections;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks.Listing;
using TaskGraph.Schema.Execution;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema.Filtering;

/// <summary>
/// Maps the coerced <c>where</c> and <c>order</c> arguments onto the core's list vocabulary; the core
/// checks the bounds and builds the SQL. In the coerced dictionaries a field sent as null is present
/// and one left out is absent.
/// </summary>
public static class TaskListArguments
{
    public static TaskListQuery ToQuery(IDictionary<string, object?>? where, IEnumerable<object?>? order) =>
        TaskListQuery.Create(where is null ? TaskFilter.None : Filter(where), Sorts(order), "where", "order");

    private static TaskFilter Filter(IDictionary<string, object?> where)
    {
        var conditions = new List<TaskCondition>();
        List<TaskFilter>? and = null;
        List<TaskFilter>? or = null;
        foreach (var (name, value) in where)
        {
            switch (name, value)
            {
                case (_, null):
                    break; // `title: null` sets no condition
                case ("and", IEnumerable filters):
                    and = [.. filters.Cast<IDictionary<string, object?>>().Select(Filter)];
                    break;
                case ("or", IEnumerable filters):
                    or = [.. filters.Cast<IDictionary<string, object?>>().Select(Filter)];
                    break;
                case (_, IDictionary<string, object?> operations):
                    var field = Enum.Parse<TaskField>(name, ignoreCase: true);
                    conditions.AddRange(operations.Select(o => new TaskCondition(field, Enum.Parse<FilterOperator>(o.Key, ignoreCase: true), Value(field, o.Value))));
                    break;
                default:
                    throw DomainException.Invalid("where", $"Cannot filter by {name}.");
            }
        }
        return new TaskFilter(conditions, and, or);
    }

    /// <summary>A coerced value (or list of values) as the core types it.</summary>
    private static object? Value(TaskField field, object? value) => value switch
    {
        null => null,
        IEnumerable list and not string => list.Cast<object?>().Select(item => Value(field, item)).ToList(),
        _ when field == TaskField.OwnerId => Ids.Parse(value, "ownerId"),
        _ when field is TaskField.DueDate or TaskField.CreatedAt or TaskField.UpdatedAt => InputValues.Instant(value),
        _ => value,
    };

    private static List<TaskSort> Sorts(IEnumerable<object?>? order)
    {
        var sorts = new List<TaskSort>();
        foreach (var entry in order ?? [])
        {
            if (entry is not IDictionary<string, object?> fields || fields.Count == 0 || fields.Values.Any(v => v is null))
            {
                throw DomainException.Invalid("order", "Each order entry sets one field to ASC or DESC.");
            }
            sorts.AddRange(fields.Select(f => new TaskSort(Enum.Parse<TaskSortField>(f.Key, ignoreCase: true), f.Value is SortDirection.Descending)));
        }
        return sorts;
    }
}
