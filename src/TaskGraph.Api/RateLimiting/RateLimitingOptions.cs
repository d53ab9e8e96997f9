using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

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

/// <summary>
/// Bound from section <c>RateLimiting</c>. Its own Limit/PeriodSeconds (RATE_LIMIT / RATE_PERIOD) are
/// the default policy on /v1/tasks* and /graphql; <c>RateLimiting:Auth</c> is the login/register
/// policy, keyed by client IP, with the same defaults but its own keys.
/// </summary>
public sealed class RateLimitingOptions : RateLimitPolicyOptions
{
    public const string SectionName = "RateLimiting";

    [ValidateObjectMembers]
    public RateLimitPolicyOptions Auth { get; set; } = new();
}

[OptionsValidator]
public sealed partial class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>;
