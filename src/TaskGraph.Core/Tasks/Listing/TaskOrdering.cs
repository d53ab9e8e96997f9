using System.Linq.Expressions;

namespace TaskGraph.Core.Tasks.Listing;

/// <summary>
/// Sort keys as ORDER BY, always ending with id so equal keys keep one fixed order and pages never
/// repeat or skip a row. Reversed, it is the exact mirror image, which backward pages read.
/// </summary>
public static class TaskOrdering
{
    public static IOrderedQueryable<TaskItem> Apply(IQueryable<TaskItem> tasks, IReadOnlyList<TaskSort> sorts, bool reversed = false)
    {
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

    /// <summary>Ties break by id in the direction of the last sort key.</summary>
    public static bool IdDescending(IReadOnlyList<TaskSort> sorts) => sorts[^1].Descending;

    private static IOrderedQueryable<TaskItem> By<TKey>(IQueryable<TaskItem> source, IOrderedQueryable<TaskItem>? ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        ordered is null
            ? descending ? source.OrderByDescending(key) : source.OrderBy(key)
            : By(ordered, key, descending);

    private static IOrderedQueryable<TaskItem> By<TKey>(IOrderedQueryable<TaskItem> ordered, Expression<Func<TaskItem, TKey>> key, bool descending) =>
        descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
}
