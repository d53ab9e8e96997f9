namespace TaskGraph.Api.RateLimiting;

/// <summary>The decision for one request: whether it may proceed, what is left, and when the oldest counted request leaves the window.</summary>
public sealed record RateLimitDecision(bool Allowed, int Remaining, TimeSpan ResetAfter);
