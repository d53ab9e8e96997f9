namespace TaskGraph.Core.Tasks.Listing;

/// <summary>
/// Which tasks a list holds, shaped like GraphQL's <c>where</c>: every condition holds, every filter
/// in <see cref="And"/> holds, and when <see cref="Or"/> is given, at least one of its filters holds.
/// </summary>
public sealed record TaskFilter(IReadOnlyList<TaskCondition> Conditions, IReadOnlyList<TaskFilter>? And = null, IReadOnlyList<TaskFilter>? Or = null)
{
    public static readonly TaskFilter None = new([]);

    public bool Mentions(TaskField field) =>
        Conditions.Any(c => c.Field == field) || (And ?? []).Any(f => f.Mentions(field)) || (Or ?? []).Any(f => f.Mentions(field));
}
