using System.Linq.Expressions;

namespace TaskGraph.Core.Tasks;

/// <summary>
/// Translates sort keys to ORDER BY. Always ends with id, so equal keys still come back in one
/// fixed order and pages never repeat or skip a row. Tasks without a due date sort last either way.
/// Reversed, it gives the exact mirror image (nulls first too): backward pages read it.
/// </summary>
public static class TaskOrdering
{
    public static IOrderedQueryable<TaskItem> Apply(IQueryable<TaskItem> tasks, IReadOnlyList<TaskSort> sorts, bool reversed = false)
    {
        sorts = Effective(sorts);
        IOrderedQueryable<TaskItem>? ordered = null;
        foreach (var sort in sorts)
        {
            var descending = sort.Descending ^ reversed;
            ordered = sort.Field switch
            {
                TaskSortField.CreatedAt => By(tasks, ordered, t => t.CreatedAt, descending),
                TaskSortField.UpdatedAt => By(tasks, ordered, t => t.UpdatedAt, descending),
                TaskSortField.DueDate => By(By(tasks, ordered, t => t.DueDate == null, descending: reversed), t => t.DueDate, descending),
                TaskSortField.Priority => By(tasks, ordered, t => t.Priority, descending),
                TaskSortField.Title => By(tasks, ordered, t => t.Title.ToLower(), descending),
                TaskSortField.Completed => By(tasks, ordered, t => t.Completed, descending),
                _ => throw new ArgumentOutOfRangeException(nameof(sorts), sort.Field, "Unknown sort field."),
            };
        }
        return By(tasks, ordered, t => t.Id, IdDescending(sorts) ^ reversed);
    }

    /// <summary>The sorts actually applied: the default order when none is given.</summary>
    public static IReadOnlyList<TaskSort> Effective(IReadOnlyList<TaskSort> sorts) => sorts.Count == 0 ? [TaskSort.Default] : sorts;

    /// <summary>Ties break by id in the direction of the last sort key.</summary>
    public static bool IdDescending(IReadOnlyList<TaskSort> sorts) => Effective(sorts)[^1].Descending;

    private static IOrderedQueryable<TaskItem> By<TKey>(IQueryable<TaskItem> source, IOrderedQueryable<TaskItem>? ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        ordered is null
            ? descending ? source.OrderByDescending(key) : source.OrderBy(key)
            : By(ordered, key, descending);

    private static IOrderedQueryable<TaskItem> By<TKey>(IOrderedQueryable<TaskItem> ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
}
