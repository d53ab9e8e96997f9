using Microsoft.Extensions.Options;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Common;
using TaskGraph.Schema.Cost;

namespace TaskGraph.Api.RateLimiting;

public static partial class RateLimitingExtensions
{
    /// <summary>
    /// Options (validated at start-up), the path policies, the stores (Redis when configured, with this
    /// process's stores as the fallback; else in-process only) and the GraphQL cost budgets.
    /// </summary>
    public static IServiceCollection AddRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RateLimitingOptions>(configuration, RateLimitingOptions.SectionName);
        services.AddSingleton<IValidateOptions<RateLimitingOptions>, RateLimitingOptionsValidator>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
            return new RateLimitPaths(
                options.Enabled ? RateLimitPolicy.Default(options) : null,
                options.Auth.Enabled ? RateLimitPolicy.Auth(options.Auth) : null);
        });
        services.AddSingleton<InProcessRateLimitStore>();
        services.AddSingleton<InProcessCostBudgetStore>();
        services.AddSingleton<IRateLimitStore>(provider => provider.GetRequiredService<RedisConnection>().IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisRateLimitStore>(provider)
            : provider.GetRequiredService<InProcessRateLimitStore>());
        services.AddSingleton<ICostBudgetStore>(provider => provider.GetRequiredService<RedisConnection>().IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisCostBudgetStore>(provider)
            : provider.GetRequiredService<InProcessCostBudgetStore>());
        services.AddSingleton<IOperationThrottle, GraphQLThrottle>();
        return services;
    }

    /// <summary>Place after UseAuthentication (requests are keyed by the token's user) and before the endpoints.</summary>
    public static IApplicationBuilder UseRateLimiting(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<RedisConnection>().IsConfigured)
        {
            LogInProcessStore(app.ApplicationServices.GetRequiredService<ILogger<RateLimitingMiddleware>>());
        }
        return app.UseMiddleware<RateLimitingMiddleware>();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "REDIS_URL is not set: rate limits and GraphQL cost budgets are counted in this process only. That is exact for a single instance; several instances would each allow the full limit.")]
    private static partial void LogInProcessStore(ILogger logger);
}
