using System.Net;
using System.Net.Http.Headers;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.RateLimiting;

/// <summary>Which requests are limited and how they are keyed; on the in-process store (no REDIS_URL), which counts the same way.</summary>
public sealed class RateLimitPolicyTests
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/detailed")]
    [InlineData("/health/ready")]
    [InlineData("/metrics")]
    [InlineData("/docs")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/v1/auth/me")]
    [InlineData("/v1/users")]
    public async Task Operations_docs_and_other_routes_are_never_limited(string path)
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1).WithAuthRateLimit(1);
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync(path);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Null(response.Header("RateLimit-Policy"));
        }
    }

    [Theory]
    [InlineData("/v1/tasks")]
    [InlineData("/v1/tasks/123")]
    [InlineData("/v1/tasks/external-joke")]
    [InlineData("/graphql")]
    [InlineData("/graphql/schema.graphql")]
    public async Task Tasks_jokes_and_graphql_share_the_default_policy(string path)
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1);
        var client = factory.CreateClient();

        var first = await client.GetAsync(path);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal("\"default\";q=1;w=60", first.Header("RateLimit-Policy"));

        await (await client.PostAsync(path, null)).AssertTooManyRequestsAsync(60);
    }

    [Fact]
    public async Task An_invalid_or_expired_token_is_keyed_by_ip_not_by_the_user_it_claims()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(2);
        var (user, _) = await factory.CreateUserClientAsync();
        var forged = factory.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.DefaultRequestHeaders.Authorization!.Parameter + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/v1/tasks")).StatusCode);
        var second = await forged.GetAsync("/v1/tasks");
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal("\"default\";r=0;t=60", second.Header("RateLimit"));
        await (await forged.GetAsync("/v1/tasks")).AssertTooManyRequestsAsync(60);

        // The real user, from the same address, has a quota of their own.
        var real = await user.GetAsync("/v1/tasks");
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.Equal("1", real.Header("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task The_in_process_store_slides_its_window_too()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1, 2);
        var (client, _) = await factory.CreateUserClientAsync();
        var retryAfter = await RateLimitAssertions.SendUntilLimitedAsync(() => client.GetAsync("/v1/tasks"), 2);

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tasks")).StatusCode);
    }

    [Fact]
    public async Task The_in_process_store_lets_exactly_the_limit_through_concurrent_requests()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(10);
        var (client, _) = await factory.CreateUserClientAsync();

        var statuses = await RateLimitAssertions.SendConcurrentlyAsync(50, _ => client.GetAsync("/v1/tasks"));

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.OK));
    }

    [Fact]
    public async Task A_disabled_policy_sends_no_headers_and_never_limits()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1);
        factory.Settings["RateLimiting:Enabled"] = "false";
        var client = factory.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/v1/tasks/external-joke");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Header("RateLimit-Policy"));
        }
    }

    [Fact]
    public async Task X_forwarded_for_counts_only_from_a_configured_proxy()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1);
        factory.Settings["ForwardedHeaders:KnownProxies:0"] = "10.0.0.1";
        factory.Settings["ForwardedHeaders:KnownIPNetworks:0"] = "192.168.0.0/16";
        var client = factory.CreateClient();

        Task<HttpResponseMessage> Joke(string remote, string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks/external-joke").From(remote);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return client.SendAsync(request);
        }

        // Through trusted proxies each forwarded client has its own quota.
        Assert.Equal(HttpStatusCode.OK, (await Joke("10.0.0.1", "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Joke("192.168.1.9", "203.0.113.8")).StatusCode);
        await (await Joke("10.0.0.1", "203.0.113.7")).AssertTooManyRequestsAsync(60);

        // From anyone else the header is ignored: a client cannot pick a fresh address per request.
        Assert.Equal(HttpStatusCode.OK, (await Joke("198.51.100.20", "203.0.113.9")).StatusCode);
        await (await Joke("198.51.100.20", "203.0.113.10")).AssertTooManyRequestsAsync(60);
    }

    [Fact]
    public async Task Without_configured_proxies_x_forwarded_for_is_ignored()
    {
        using var factory = new TaskGraphFactory().WithRateLimit(1);
        var client = factory.CreateClient();

        Task<HttpResponseMessage> Joke(string forwardedFor)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks/external-joke").From("127.0.0.1");
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Joke("203.0.113.1")).StatusCode);
        await (await Joke("203.0.113.2")).AssertTooManyRequestsAsync(60);
    }

    [Theory]
    [InlineData("RateLimiting:Limit", "0", "Limit")]
    [InlineData("RateLimiting:PeriodSeconds", "-1", "PeriodSeconds")]
    [InlineData("RateLimiting:Auth:Limit", "0", "Auth.Limit")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "not-an-ip", "KnownProxies")]
    [InlineData("ForwardedHeaders:KnownIPNetworks:0", "10.0.0.0/99", "KnownIPNetworks")]
    [InlineData("Redis:Url", "redis://localhost:6379/db", "REDIS_URL")]
    [InlineData("Redis:OperationTimeoutMs", "0", "OperationTimeoutMs")]
    [InlineData("Caching:TtlSeconds", "0", "TtlSeconds")]
    public void Invalid_settings_fail_at_start_up_naming_the_setting(string key, string value, string named)
    {
        using var factory = new TaskGraphFactory();
        factory.Settings[key] = value;

        var exception = factory.StartupError();

        Assert.NotNull(exception);
        Assert.Contains(named, exception.ToString(), StringComparison.Ordinal);
    }
}
