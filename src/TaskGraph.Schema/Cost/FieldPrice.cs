using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// A field's own price, in its metadata under <see cref="Key"/>; fields without one cost Shopify's:
/// <see cref="ObjectPoints"/> for an object, <see cref="MutationPoints"/> at the mutation root, 0 for scalars.
/// </summary>
/// <param name="Points">What the field costs by itself, before its selection.</param>
/// <param name="PageItems">For connections: how many items a resolved page holds, so a short page gives back unused points.</param>
/// <param name="LoginAttempt">The field checks a password: one attempt against the caller's login limit.</param>
/// <param name="ItemsArgument">A list argument each item of which adds <paramref name="PointsPerItem"/> (one write per item).</param>
/// <param name="PointsPerItem">What each item of <paramref name="ItemsArgument"/> adds.</param>
public sealed record FieldPrice(int Points, Func<object?, int?>? PageItems = null, bool LoginAttempt = false, string? ItemsArgument = null, double PointsPerItem = 0)
{
    public const string Key = "taskgraph:price";

    public const int ObjectPoints = 1;
    public const int MutationPoints = 10;

    /// <summary>login and register: one bcrypt computation each.</summary>
    public static readonly FieldPrice Password = new(50, LoginAttempt: true);

    /// <summary>joke: a call to the upstream service.</summary>
    public static readonly FieldPrice Upstream = new(25);

    /// <summary>batchUpdateTasks: half a point per id, so the largest batch (1000 ids: 510 points and its selection) fits one operation's default price cap.</summary>
    public const double BatchPointsPerId = 0.5;

    /// <summary>importTasks: a point per 20 rows (an insert each, no lookups), so 10,000 rows cost 510.</summary>
    public const double ImportPointsPerRow = 0.05;

    /// <summary>A mutation writing once per item of a list argument: the mutation's points plus <paramref name="pointsPerItem"/> per item.</summary>
    public static FieldPrice PerItem(string argument, double pointsPerItem) => new(MutationPoints, ItemsArgument: argument, PointsPerItem: pointsPerItem);

    /// <summary>A connection: 2 (the page query and the count) plus its page size times its selection.</summary>
    public static FieldPrice Connection<TNode>() => new(2, page => (page as Connection<TNode>)?.Edges.Count);
}
