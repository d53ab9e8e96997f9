using System.Net;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Api.Tests.RateLimiting;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Tests.Auth;

/// <summary>
/// A burst of concurrent logins from one address checks exactly the login limit's worth of
/// passwords, with a realistic bcrypt cost: bcrypt runs on its own threads, so the limiter's
/// Redis calls are never starved into failing. Counted in bcrypt verifications, not timed.
/// </summary>
[Collection(RedisTests.Name)]
public sealed class LoginBurstTests(RedisServerFixture redis)
{
    private const int Limit = 5;
    private const int Burst = 30;

    [Fact]
    public async Task Thirty_concurrent_logins_on_one_instance_check_exactly_the_limit()
    {
        using var factory = Realistic(new TaskGraphFactory().WithRedis(redis));
        await RegisterAsync(factory);
        var client = factory.CreateClient();
        using var verifications = factory.CountPasswordVerifications();

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(Burst, i => client.SendAsync(Login(i)));

        Assert.Equal(Limit, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(Burst - Limit, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(Limit, verifications.Count());
    }

    [Fact]
    public async Task Thirty_concurrent_logins_over_two_instances_sharing_redis_check_exactly_the_limit()
    {
        using var first = Realistic(new TaskGraphFactory().WithRedis(redis));
        using var second = Realistic(new TaskGraphFactory().SharingWith(first));
        await RegisterAsync(first);
        var clients = new[] { first.CreateClient(), second.CreateClient() };
        using var firstVerifications = first.CountPasswordVerifications();
        using var secondVerifications = second.CountPasswordVerifications();
        using var redisFailures = new MetricCollector<long>(first.Services.GetRequiredService<IMeterFactory>(), TaskGraphMeter.Name, "taskgraph.redis.failures");
        using var secondRedisFailures = new MetricCollector<long>(second.Services.GetRequiredService<IMeterFactory>(), TaskGraphMeter.Name, "taskgraph.redis.failures");

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(Burst, i => clients[i % 2].SendAsync(Login(i)));

        var allowed = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(Burst, allowed + statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(allowed, firstVerifications.Count() + secondVerifications.Count());
        if (redisFailures.GetMeasurementSnapshot().Count + secondRedisFailures.GetMeasurementSnapshot().Count == 0)
        {
            Assert.Equal(Limit, allowed); // Redis answered every decision: one limit across both instances
        }
        else
        {
            // A machine loaded enough to make Redis calls time out: each instance decided on its own
            // for a while, which the contract allows, but never beyond the limit.
            Assert.InRange(firstVerifications.Count(), 0, Limit);
            Assert.InRange(secondVerifications.Count(), 0, Limit);
        }
    }

    /// <summary>bcrypt at cost 10 (tens of milliseconds), not the suite's 4, and the contract's login limit.</summary>
    private static TaskGraphFactory Realistic(TaskGraphFactory factory)
    {
        factory.Settings["Auth:BcryptWorkFactor"] = "10";
        return factory.WithAuthRateLimit(Limit);
    }

    private static async Task RegisterAsync(TaskGraphFactory factory)
    {
        var register = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/register")
        {
            Content = JsonContent.Create(new { username = "burst_target", email = "burst@example.com", password = "the-right-password" }),
        };
        (await factory.CreateClient().SendAsync(register.From("198.51.100.99"))).EnsureSuccessStatusCode();
    }

    private static HttpRequestMessage Login(int attempt) => new HttpRequestMessage(HttpMethod.Post, "/v1/auth/login")
    {
        Content = JsonContent.Create(new { username = "burst_target", password = $"guess-number-{attempt}" }),
    }.From("203.0.113.50");
}
