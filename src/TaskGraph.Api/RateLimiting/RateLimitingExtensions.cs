using Microsoft.Extensions.Options;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.RateLimiting;

public static partial class RateLimitingExtensions
{
    /// <summary>Options (validated at start-up), the path policies and the store: Redis when configured, else in-process.</summary>
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
        services.AddSingleton<IRateLimitStore>(provider => provider.GetRequiredService<RedisConnection>().IsConfigured
            ? ActivatorUtilities.CreateInstance<RedisRateLimitStore>(provider)
            : ActivatorUtilities.CreateInstance<InProcessRateLimitStore>(provider));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "REDIS_URL is not set: rate limits are counted in this process only. That is exact for a single instance; several instances would each allow the full limit.")]
    private static partial void LogInProcessStore(ILogger logger);
}
