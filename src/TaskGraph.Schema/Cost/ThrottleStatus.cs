namespace TaskGraph.Schema.Cost;

/// <summary>A caller's cost budget, as <c>extensions.cost.throttleStatus</c> shows it (Shopify's names).</summary>
/// <param name="MaximumAvailable">The budget when full (<c>GRAPHQL_COST_LIMIT</c>).</param>
/// <param name="CurrentlyAvailable">Points available now.</param>
/// <param name="RestoreRate">Points restored per second.</param>
public sealed record ThrottleStatus(long MaximumAvailable, long CurrentlyAvailable, double RestoreRate);
