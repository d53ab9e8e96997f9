namespace TaskGraph.Api.RateLimiting;

/// <summary>Where GraphQL cost budgets live: Redis when configured (one budget across instances), else this process.</summary>
public interface ICostBudgetStore
{
    /// <summary>
    /// Positive <paramref name="points"/> are taken if all are available (else nothing is); negative
    /// ones are given back (never above the limit); zero only reads the budget.
    /// </summary>
    ValueTask<CostBudgetState> ApplyAsync(string key, CostBudgetPolicy policy, long points, CancellationToken cancellationToken);
}
