namespace TaskGraph.Api.RateLimiting;

/// <summary>A budget after a change: whether the points could be taken, and what is available now.</summary>
public sealed record CostBudgetState(bool Allowed, double Available);
