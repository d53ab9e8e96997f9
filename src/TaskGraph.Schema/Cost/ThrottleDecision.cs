namespace TaskGraph.Schema.Cost;

/// <summary>Whether an operation may run; when not, why, what to tell the caller and when to come back.</summary>
public sealed record ThrottleDecision(bool Allowed, ThrottleStatus Status, string? Refusal = null, string? Message = null, int RetryAfterSeconds = 0);
