namespace TaskGraph.Api.RateLimiting;

/// <summary>A GraphQL cost budget: <see cref="Limit"/> points, restored evenly over <see cref="Period"/> (a token bucket, as Shopify's).</summary>
public sealed record CostBudgetPolicy(long Limit, TimeSpan Period)
{
    /// <summary>Points restored per second.</summary>
    public double RestoreRate => Limit / Period.TotalSeconds;

    /// <summary>Whole seconds until <paramref name="points"/> are available, given what is available now.</summary>
    public int SecondsUntil(long points, double available) =>
        (int)Math.Clamp(Math.Ceiling((points - available) / RestoreRate), 1, Math.Ceiling(Period.TotalSeconds));
}
