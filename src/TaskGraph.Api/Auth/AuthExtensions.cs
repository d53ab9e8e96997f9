using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Redis;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;

namespace TaskGraph.Api.Auth;

public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, authOptions) =>
            {
                var auth = authOptions.Value;
                // Keep "sub" and "role" as issued; the legacy mapping renames them to long URIs.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = TokenValidation.Parameters(auth);
                bearer.Events = new JwtBearerEvents { OnTokenValidated = ResolveCallerAsync };
            });
        services.AddSingleton<BearerTokens>();
        services.AddCallerBackplane();
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(TokenClaims.AdminRole));
        return services;
    }

    /// <summary>
    /// With Redis, <see cref="CallerCache"/> evictions reach every instance over pub/sub: FusionCache's
    /// backplane on the app's own multiplexer, on a channel under the key prefix (deployments sharing a Redis stay apart).
    /// </summary>
    private static void AddCallerBackplane(this IServiceCollection services)
    {
        services.AddOptions<FusionCacheOptions>(CallerCache.CacheName).Configure<IOptions<RedisOptions>>((cache, redis) =>
        {
            cache.BackplaneChannelPrefix = $"{redis.Value.KeyPrefix}{CallerCache.CacheName}";
            // Subscribed before the first lookup is cached, so no eviction can slip past.
            cache.WaitForInitialBackplaneSubscribe = true;
        });
        // Null without Redis: FusionCache then keeps the callers of this one instance, evicted locally.
        services.AddSingleton<IFusionCacheBackplane>(provider =>
            provider.GetRequiredService<RedisConnection>().Multiplexer is { } multiplexer
                ? new RedisBackplane(new RedisBackplaneOptions { ConnectionMultiplexerFactory = () => Task.FromResult(multiplexer) }, provider.GetService<ILogger<RedisBackplane>>())
                : null!);
        services.AddHostedService<CallerCacheChannel>();
    }

    /// <summary>
    /// A token says who the user is; the database says what they may do now. The caller is resolved
    /// here once per request (a demoted admin loses admin rights at once, a deleted user's token is
    /// rejected) and kept in <see cref="CurrentActor"/>; the role claim is brought in line for role policies.
    /// </summary>
    private static async Task ResolveCallerAsync(TokenValidatedContext context)
    {
        var claimed = context.Principal is { } principal ? Actor.FromPrincipal(principal) : null;
        var services = context.HttpContext.RequestServices;
        var actor = claimed is null ? null : await services.GetRequiredService<UserAccounts>().FindActorAsync(claimed.UserId, context.HttpContext.RequestAborted);
        if (actor is null)
        {
            context.Fail("The token's user does not exist.");
            return;
        }
        services.GetRequiredService<CurrentActor>().Value = actor;
        context.Principal = CurrentRole.Apply(context.Principal!, actor.Role);
    }
}
