using System.Net;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Health;

[Collection(RedisTests.Name)]
public sealed class RedisHealthTests(RedisServerFixture redis)
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> DetailedAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/detailed");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Redis_down_is_degraded_200_with_requests_still_served_and_healthy_again_when_it_returns()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(1000, 60);
        var (client, _) = await factory.CreateUserClientAsync();
        var (status, body) = await DetailedAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString());
        Assert.True(body.GetProperty("checks").GetProperty("redis").GetProperty("duration_ms").GetDouble() >= 0);

        try
        {
            await redis.KillAsync();

            (status, body) = await DetailedAsync(client);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            var check = body.GetProperty("checks").GetProperty("redis");
            Assert.Equal("degraded", check.GetProperty("status").GetString());
            Assert.Contains("unreachable", check.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/tasks")).StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            (status, body) = await DetailedAsync(client);
            if (body.GetProperty("status").GetString() == "healthy")
            {
                break;
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_redis_the_check_reports_the_in_process_mode_as_healthy()
    {
        using var factory = new TaskGraphFactory();

        var (status, body) = await DetailedAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        var check = body.GetProperty("checks").GetProperty("redis");
        Assert.Equal("healthy", check.GetProperty("status").GetString());
        Assert.Equal("in-process", check.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Rate_limit_rejections_and_cache_lookups_are_counted_in_metrics()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis, keyPrefix: $"metrics-{Guid.NewGuid():N}:").WithRateLimit(3, 60);
        var (client, _) = await factory.CreateUserClientAsync();
        for (var i = 0; i < 4; i++)
        {
            await client.GetAsync("/v1/tasks");
        }

        var metrics = await factory.CreateClient().GetStringAsync("/metrics");

        Assert.Matches("""taskgraph_rate_limit_rejections_total\{[^}]*policy="default"[^}]*\} 1""", metrics);
        Assert.Matches("""taskgraph_cache_lookups_total\{[^}]*result="hit"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""taskgraph_cache_lookups_total\{[^}]*result="miss"[^}]*\} [1-9]""", metrics);
    }
}
