using System.Linq.Expressions;

namespace TaskGraph.Schema.Tasks;

/// <summary>
/// Translates sort keys to ORDER BY. Always ends with id, so equal keys still come back in one
/// fixed order and pages never repeat or skip a row. Tasks without a due date sort last either way.
/// </summary>
public static class TaskOrdering
{
    public static IOrderedQueryable<TaskItem> Apply(IQueryable<TaskItem> tasks, IReadOnlyList<TaskSort> sorts)
    {
        if (sorts.Count == 0)
        {
            sorts = [TaskSort.Default];
        }
        IOrderedQueryable<TaskItem>? ordered = null;
        foreach (var sort in sorts)
        {
            ordered = sort.Field switch
            {
                TaskSortField.CreatedAt => By(tasks, ordered, t => t.CreatedAt, sort.Descending),
                TaskSortField.UpdatedAt => By(tasks, ordered, t => t.UpdatedAt, sort.Descending),
                TaskSortField.DueDate => By(By(tasks, ordered, t => t.DueDate == null, descending: false), t => t.DueDate, sort.Descending),
                TaskSortField.Priority => By(tasks, ordered, t => t.Priority, sort.Descending),
                TaskSortField.Title => By(tasks, ordered, t => t.Title.ToLower(), sort.Descending),
                TaskSortField.Completed => By(tasks, ordered, t => t.Completed, sort.Descending),
                _ => throw new ArgumentOutOfRangeException(nameof(sorts), sort.Field, "Unknown sort field."),
            };
        }
        return By(tasks, ordered, t => t.Id, sorts[^1].Descending);
    }

    private static IOrderedQueryable<TaskItem> By<TKey>(IQueryable<TaskItem> source, IOrderedQueryable<TaskItem>? ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        ordered is null
            ? descending ? source.OrderByDescending(key) : source.OrderBy(key)
            : By(ordered, key, descending);

    private static IOrderedQueryable<TaskItem> By<TKey>(IOrderedQueryable<TaskItem> ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
}
