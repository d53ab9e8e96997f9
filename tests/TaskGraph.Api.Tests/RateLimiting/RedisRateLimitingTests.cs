using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        using var first = new TaskGraphFactory().WithRedis(redis).WithRateLimit(7, 60);
        // One database behind both instances, as in a real deployment: the same user and token on each.
        using var second = new TaskGraphFactory().WithRateLimit(7, 60).SharingWith(first);
        var (firstClient, user) = await first.CreateUserClientAsync();
        var secondClient = second.CreateClientLike(firstClient);

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(30, i => (i % 2 == 0 ? firstClient : secondClient).GetAsync("/v1/tasks"));

        Assert.True(user.Id > 0);
        Assert.Equal(7, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(23, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_dead_redis_leaves_the_limit_to_the_instance_which_still_counts_what_redis_saw()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(3, 60);
        var (client, _) = await factory.CreateUserClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tasks")).StatusCode);

        await redis.KillAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            // One request went through Redis; the instance's own log saw it too, so two more and no further.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tasks")).StatusCode);
            var last = await client.GetAsync("/v1/tasks");
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            Assert.Equal("\"default\";r=0;t=60", last.Header("RateLimit"));
            await (await client.GetAsync("/v1/tasks")).AssertTooManyRequestsAsync(60);
            // Each decided at once rather than waiting on Redis.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the fallback took {clock.Elapsed}");
        }
        finally
        {
            await redis.StartAsync();
        }

        // The multiplexer reconnects in the background; no restart of the API. The restarted Redis is
        // empty, but the instance still counts the three requests it allowed: a Redis restart does not
        // hand the client a fresh window.
        await WaitForRedisAsync(factory);
        await (await client.GetAsync("/v1/tasks")).AssertTooManyRequestsAsync(60);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task With_redis_down_each_instance_applies_the_limit_on_its_own()
    {
        using var first = new TaskGraphFactory().WithRedis(redis).WithRateLimit(3, 60);
        using var second = new TaskGraphFactory().WithRateLimit(3, 60).SharingWith(first);
        var (firstClient, _) = await first.CreateUserClientAsync();
        var secondClient = second.CreateClientLike(firstClient);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/v1/tasks")).StatusCode); // both instances started

        await redis.KillAsync();
        try
        {
            var statuses = await RateLimitAssertions.SendConcurrentlyAsync(20, i => (i % 2 == 0 ? firstClient : secondClient).GetAsync("/v1/tasks"));

            // Limits per instance, never none: the second instance had counted one request already.
            Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(15, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    private static async Task WaitForRedisAsync(TaskGraphFactory factory)
    {
        var client = factory.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var health = JsonDocument.Parse(await client.GetStringAsync("/health/detailed"));
            if (health.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString() == "healthy")
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "Redis did not come back within 30 s.");
            await Task.Delay(100);
        }
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
