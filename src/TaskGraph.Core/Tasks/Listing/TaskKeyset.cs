using System.Linq.Expressions;
using System.Text.Json;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks.Listing;

/// <summary>
/// Keyset ("seek") pagination over <see cref="TaskOrdering"/>: a cursor holds a row's sort key values
/// and id, and the next page is the rows strictly after it: (k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) …
/// OR (all equal AND id &gt; v). Inserts before the cursor never shift a page, unlike OFFSET.
/// </summary>
public static class TaskKeyset
{
    /// <summary>The order's signature, stored in its cursors.</summary>
    public static string Signature(IReadOnlyList<TaskSort> sorts) =>
        string.Join(',', sorts.Select(s => $"{s.Field}:{(s.Descending ? "desc" : "asc")}"));

    public static Cursor CursorOf(TaskItem task, IReadOnlyList<TaskSort> sorts)
    {
        var values = sorts.Select(sort => KeyValue(task, sort.Field)).Append(Cursor.Value(task.Id)).ToList();
        return new Cursor(Signature(sorts), values);
    }

    /// <summary>
    /// Rows strictly after the cursor's row (with <paramref name="reversed"/>, strictly before it). The cursor
    /// is checked whole first — shape, order, count, each value's type and range — so a tampered one is a
    /// validation error on <paramref name="argument"/>, never a failed query.
    /// </summary>
    public static Expression<Func<TaskItem, bool>> After(string cursor, IReadOnlyList<TaskSort> sorts, bool reversed, string argument)
    {
        var values = Cursor.Decode(cursor, Signature(sorts), sorts.Count + 1, argument);
        var keys = new List<Key>();
        try
        {
            for (var i = 0; i < sorts.Count; i++)
            {
                keys.AddRange(Keys(sorts[i].Field, values[i], sorts[i].Descending ^ reversed, reversed));
            }
            var id = Cursor.ReadInt32(values[^1], 1, int.MaxValue);
            keys.Add(new Key(t => t.Id == id, TaskOrdering.IdDescending(sorts) ^ reversed ? t => t.Id < id : t => t.Id > id));
        }
        catch (FormatException)
        {
            throw Cursor.Invalid(argument);
        }

        // OR over i of (keys before i equal AND key i after): quadratic in the keys, which the sort bound keeps few.
        var alternatives = new List<Expression<Func<TaskItem, bool>>>();
        for (var i = 0; i < keys.Count; i++)
        {
            alternatives.Add(Predicates.And(keys.Take(i).Select(k => k.Equal).Append(keys[i].After)));
        }
        return Predicates.Or(alternatives);
    }

    private static JsonElement KeyValue(TaskItem task, TaskSortField field) => field switch
    {
        TaskSortField.CreatedAt => Cursor.Value(task.CreatedAt.Ticks),
        TaskSortField.UpdatedAt => Cursor.Value(task.UpdatedAt.Ticks),
        TaskSortField.DueDate => Cursor.Value(task.DueDate?.Ticks),
        TaskSortField.Priority => Cursor.Value((int)task.Priority),
        // What the ORDER BY compares: lower(title), which SQLite is made to compute like .NET.
        TaskSortField.Title => Cursor.Value(task.Title.ToLowerInvariant()),
        TaskSortField.Completed => Cursor.Value(task.Completed),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field."),
    };

    private static IEnumerable<Key> Keys(TaskSortField field, JsonElement value, bool descending, bool reversed)
    {
        switch (field)
        {
            case TaskSortField.CreatedAt:
                var created = Cursor.ReadInstant(value);
                yield return new Key(t => t.CreatedAt == created, descending ? t => t.CreatedAt < created : t => t.CreatedAt > created);
                break;
            case TaskSortField.UpdatedAt:
                var updated = Cursor.ReadInstant(value);
                yield return new Key(t => t.UpdatedAt == updated, descending ? t => t.UpdatedAt < updated : t => t.UpdatedAt > updated);
                break;
            case TaskSortField.DueDate:
                // Two keys, as in the ORDER BY: "has no due date" (nulls last; first when reversed), then the date.
                var isNull = value.ValueKind == JsonValueKind.Null;
                yield return BooleanKey(t => t.DueDate == null, isNull, ascending: !reversed);
                if (!isNull)
                {
                    DateTime? due = Cursor.ReadInstant(value);
                    yield return new Key(t => t.DueDate == due, descending ? t => t.DueDate < due : t => t.DueDate > due);
                }
                break;
            case TaskSortField.Priority:
                var priority = (Priority)Cursor.ReadInt32(value, (int)Priority.Low, (int)Priority.High);
                yield return new Key(t => t.Priority == priority, descending ? t => t.Priority < priority : t => t.Priority > priority);
                break;
            case TaskSortField.Title:
                var title = Cursor.ReadString(value, TaskRules.TitleMaxLength);
                yield return new Key(
                    t => t.Title.ToLower() == title,
                    descending ? t => string.Compare(t.Title.ToLower(), title) < 0 : t => string.Compare(t.Title.ToLower(), title) > 0);
                break;
            case TaskSortField.Completed:
                yield return BooleanKey(t => t.Completed, Cursor.ReadBoolean(value), ascending: !descending);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown sort field.");
        }
    }

    /// <summary>A boolean key (false &lt; true): "after" a value is the other value, or nothing.</summary>
    private static Key BooleanKey(Expression<Func<TaskItem, bool>> key, bool value, bool ascending)
    {
        var equal = value ? key : Predicates.Not(key);
        // Ascending: only true comes after false. Descending: only false comes after true.
        Expression<Func<TaskItem, bool>> after = ascending
            ? value ? Predicates.False<TaskItem>() : key
            : value ? Predicates.Not(key) : Predicates.False<TaskItem>();
        return new Key(equal, after);
    }

    private sealed record Key(Expression<Func<TaskItem, bool>> Equal, Expression<Func<TaskItem, bool>> After);
}
