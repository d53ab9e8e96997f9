namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Which policy guards which path. By path, not by endpoint metadata, so routes that are not
/// minimal-API endpoints (the GraphQL middleware at /graphql) are covered the same way.
/// </summary>
public sealed class RateLimitPaths(RateLimitPolicy? defaultPolicy, RateLimitPolicy? authPolicy)
{
    // Operations and docs are never limited, even if a prefix below would one day cover them.
    private static readonly PathString[] Exempt = ["/health", "/metrics", "/docs", "/openapi"];
    private static readonly PathString[] DefaultPrefixes = ["/v1/tasks", "/v1/events", "/graphql"];
    private static readonly PathString[] AuthPaths = ["/v1/auth/login", "/v1/auth/register"];

    /// <summary>The policy of /v1/tasks* and /graphql, or null when it is turned off.</summary>
    public RateLimitPolicy? Default => defaultPolicy;

    /// <summary>The login and register policy (also charged by GraphQL's login and register fields), or null when it is turned off.</summary>
    public RateLimitPolicy? Auth => authPolicy;

    /// <summary>The policy for this path, or null when it is not limited.</summary>
    public RateLimitPolicy? For(PathString path)
    {
        if (Exempt.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }
        if (DefaultPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return defaultPolicy;
        }
        if (AuthPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return authPolicy;
        }
        return null;
    }
}
