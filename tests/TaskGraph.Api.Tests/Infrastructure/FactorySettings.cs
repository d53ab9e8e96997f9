using System.Globalization;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>Settings that rate limiting and caching tests apply to a factory before its first client.</summary>
public static class FactorySettings
{
    /// <summary>Uses the fixture's Redis, under a key prefix of this factory's own unless one is given to share.</summary>
    public static TFactory WithRedis<TFactory>(this TFactory factory, RedisServerFixture redis, string? keyPrefix = null)
        where TFactory : TaskGraphFactory
    {
        factory.Settings["Redis:Url"] = redis.Url;
        factory.Settings["Redis:KeyPrefix"] = keyPrefix ?? $"test-{Guid.NewGuid():N}:";
        // Connect returns as soon as it is connected; the margin is for a busy CI machine's first (JIT-heavy) connect,
        // which must not start the app disconnected and failing open.
        factory.Settings["Redis:ConnectTimeoutMs"] = "5000";
        return factory;
    }

    public static TaskGraphFactory WithRateLimit(this TaskGraphFactory factory, int limit, int periodSeconds = 60)
    {
        factory.Settings["RateLimiting:Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        factory.Settings["RateLimiting:PeriodSeconds"] = periodSeconds.ToString(CultureInfo.InvariantCulture);
        return factory;
    }

    public static TaskGraphFactory WithAuthRateLimit(this TaskGraphFactory factory, int limit, int periodSeconds = 60)
    {
        factory.Settings["RateLimiting:Auth:Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        factory.Settings["RateLimiting:Auth:PeriodSeconds"] = periodSeconds.ToString(CultureInfo.InvariantCulture);
        return factory;
    }

    /// <summary>A GraphQL cost budget of <paramref name="points"/> per period, which is also the most one operation may cost.</summary>
    public static TaskGraphFactory WithCostBudget(this TaskGraphFactory factory, int points)
    {
        factory.Settings["GraphQL:CostLimit"] = points.ToString(CultureInfo.InvariantCulture);
        factory.Settings["GraphQL:MaxCost"] = points.ToString(CultureInfo.InvariantCulture);
        return factory;
    }

    /// <summary>Another instance of <paramref name="first"/>'s deployment: its database, and its Redis under the same key prefix.</summary>
    public static TaskGraphFactory SharingWith(this TaskGraphFactory factory, TaskGraphFactory first)
    {
        foreach (var key in new[] { "Database:Url", "Redis:Url", "Redis:KeyPrefix", "Redis:ConnectTimeoutMs" })
        {
            factory.Settings[key] = first.Settings.GetValueOrDefault(key);
        }
        return factory;
    }

    /// <summary>A client of this instance that sends the same bearer token as <paramref name="signedIn"/>.</summary>
    public static HttpClient CreateClientLike(this TaskGraphFactory factory, HttpClient signedIn)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>A request from the given client address (see <see cref="TestRemoteAddress"/>).</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string address)
    {
        request.Headers.Add(TestRemoteAddress.Header, address);
        return request;
    }
}
