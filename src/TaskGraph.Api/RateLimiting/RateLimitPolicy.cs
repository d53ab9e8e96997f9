namespace TaskGraph.Api.RateLimiting;

/// <summary>A named quota as the headers announce it: <c>"default";q=5;w=60</c>.</summary>
public sealed record RateLimitPolicy(string Name, int Limit, TimeSpan Period, bool KeyByUser)
{
    public const string DefaultName = "default";
    public const string AuthName = "auth";

    public static RateLimitPolicy Default(RateLimitPolicyOptions options) =>
        new(DefaultName, options.Limit, TimeSpan.FromSeconds(options.PeriodSeconds), KeyByUser: true);

    /// <summary>Login and register are keyed by IP always: there is no user yet, and a token must not buy more guesses.</summary>
    public static RateLimitPolicy Auth(RateLimitPolicyOptions options) =>
        new(AuthName, options.Limit, TimeSpan.FromSeconds(options.PeriodSeconds), KeyByUser: false);
}
