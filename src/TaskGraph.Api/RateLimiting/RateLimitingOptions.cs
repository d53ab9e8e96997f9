using Microsoft.Extensions.Options;

namespace TaskGraph.Api.RateLimiting;

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
