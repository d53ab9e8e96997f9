using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.RateLimiting;

[Collection(RedisTests.Name)]
public sealed class RedisRateLimitingTests(RedisServerFixture redis)
{
    [Fact]
    public async Task The_sixth_request_in_a_minute_is_429_with_retry_after_and_a_problem_body()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(5, 60);
        var (client, _) = await factory.CreateUserClientAsync();

        for (var i = 1; i <= 5; i++)
        {
            var ok = await client.GetAsync("/v1/tasks");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("\"default\";q=5;w=60", ok.Header("RateLimit-Policy"));
            Assert.Equal($"\"default\";r={5 - i};t=60", ok.Header("RateLimit"), ignoreCase: false);
            Assert.Equal("5", ok.Header("X-RateLimit-Limit"));
            Assert.Equal((5 - i).ToString(CultureInfo.InvariantCulture), ok.Header("X-RateLimit-Remaining"));
            Assert.InRange(int.Parse(ok.Header("X-RateLimit-Reset")!, CultureInfo.InvariantCulture), 1, 60);
        }

        var limited = await client.GetAsync("/v1/tasks");

        await limited.AssertTooManyRequestsAsync(60);
        Assert.Equal("\"default\";q=5;w=60", limited.Header("RateLimit-Policy"));
        Assert.StartsWith("\"default\";r=0;t=", limited.Header("RateLimit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_slides_so_requests_are_allowed_again_once_it_has_passed()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(2, 2);
        var (client, _) = await factory.CreateUserClientAsync();
        var retryAfter = await RateLimitAssertions.SendUntilLimitedAsync(() => client.GetAsync("/v1/tasks"), 2);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(100));

        var again = await client.GetAsync("/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotNull(again.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Fifty_concurrent_requests_with_a_limit_of_ten_let_exactly_ten_through()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(10, 60);
        var (client, _) = await factory.CreateUserClientAsync();

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(50, _ => client.GetAsync("/v1/tasks"));

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Two_api_instances_sharing_redis_hold_one_limit_exactly()
    {
        var prefix = $"shared-{Guid.NewGuid():N}:";
        using var first = new TaskGraphFactory().WithRedis(redis, prefix).WithRateLimit(7, 60);
        using var second = new TaskGraphFactory().WithRedis(redis, prefix).WithRateLimit(7, 60);
        // One database behind both instances, as in a real deployment: the same user and token on each.
        second.Settings["Database:Url"] = first.Settings["Database:Url"];
        var (firstClient, user) = await first.CreateUserClientAsync();
        var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = firstClient.DefaultRequestHeaders.Authorization;

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(30, i => (i % 2 == 0 ? firstClient : secondClient).GetAsync("/v1/tasks"));

        Assert.True(user.Id > 0);
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(23, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_dead_redis_fails_open_quickly_and_limiting_resumes_when_it_returns()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(2, 60);
        var (client, _) = await factory.CreateUserClientAsync();
        await client.GetAsync("/v1/tasks");
        await client.GetAsync("/v1/tasks");
        await (await client.GetAsync("/v1/tasks")).AssertTooManyRequestsAsync(60);

        await redis.KillAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++)
            {
                var served = await client.GetAsync("/v1/tasks");
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
                Assert.Null(served.Header("RateLimit"));
                Assert.Equal("\"default\";q=2;w=60", served.Header("RateLimit-Policy"));
            }
            // Ten requests, each failing open at once rather than waiting on Redis.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"fail-open took {clock.Elapsed}");
        }
        finally
        {
            await redis.StartAsync();
        }

        // The multiplexer reconnects in the background; no restart of the API.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200);
            response = await client.GetAsync("/v1/tasks");
        }
        while (response.Header("RateLimit") is null && DateTime.UtcNow < deadline);
        Assert.NotNull(response.Header("RateLimit"));
        // The restarted server is empty: this was the first counted request of a new window.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tasks")).StatusCode);
        await (await client.GetAsync("/v1/tasks")).AssertTooManyRequestsAsync(60);
    }

    [Fact]
    public async Task Login_and_register_have_their_own_limit_keyed_by_client_ip()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithAuthRateLimit(3, 60);
        var client = factory.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            var wrong = await client.SendAsync(Login("nobody", "wrong-password").From("198.51.100.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("\"auth\";q=3;w=60", wrong.Header("RateLimit-Policy"));
        }
        var register = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/register")
        {
            Content = JsonContent.Create(new { username = "ip_limited", email = "ip-limited@example.com", password = "password-123" }),
        };
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(register.From("198.51.100.1"))).StatusCode);

        await (await client.SendAsync(Login("ip_limited", "password-123").From("198.51.100.1"))).AssertTooManyRequestsAsync(60);

        // Another address has its own quota.
        var other = await client.SendAsync(Login("ip_limited", "password-123").From("198.51.100.2"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal("\"auth\";r=2;t=60", other.Header("RateLimit"));
    }

    private static HttpRequestMessage Login(string username, string password) => new(HttpMethod.Post, "/v1/auth/login")
    {
        Content = JsonContent.Create(new { username, password }),
    };
}
