using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.RateLimiting;

/// <summary>One policy's quota: at most <see cref="Limit"/> requests in any <see cref="PeriodSeconds"/>.</summary>
public class RateLimitPolicyOptions
{
    /// <summary>Turns the policy off entirely (no decisions, no headers).</summary>
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int Limit { get; set; } = 5;

    [Range(1, 86_400)]
    public int PeriodSeconds { get; set; } = 60;
}
