using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Redis;

/// <summary>A Redis that is up but does not answer in time: a failure like a dead one, never a 500.</summary>
[Collection(RedisTests.Name)]
public sealed class RedisStallTests(RedisServerFixture redis)
{
    [Fact]
    public async Task When_redis_stalls_writes_reads_and_graphql_still_succeed()
    {
        using var factory = new LoggingTaskGraphFactory();
        factory.WithRedis(redis).WithRateLimit(1000, 60);
        var alice = await factory.CreateUserClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync("/v1/tasks")).StatusCode);
        // Only timeouts logged from here on count: on a loaded machine a live Redis can miss the 250 ms deadline too.
        var beforeStall = factory.Logs.Lines.Count;

        await redis.FreezeAsync();
        try
        {
            // Rate limiting (timed out → fail-open), the write's cache invalidation and the list cache all time out here.
            var created = await alice.Client.PostAsJsonAsync("/v1/tasks", new { title = "written while Redis stalls" });
            var list = await alice.Client.GetAsync("/v1/tasks");
            var graphql = await alice.Client.GraphQLAsync("{ tasks { totalCount } }");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains((await list.Content.ReadFromJsonAsync<List<TaskDto>>())!, t => t.Title == "written while Redis stalls");
            Assert.Equal(1, graphql.Data.GetProperty("tasks").GetProperty("totalCount").GetInt32());
            // The stall really happened: the app saw a Redis command time out.
            await factory.Logs.EntryAsync(IsRedisTimeout, skip: beforeStall);
        }
        finally
        {
            await redis.ThawAsync(); // the next test in the collection gets a live Redis
        }
    }

    private static bool IsRedisTimeout(JsonElement entry) =>
        entry.GetProperty("level").GetString() == "warning"
        && entry.TryGetProperty("exception", out var exception)
        && exception.GetString()!.Contains("RedisTimeoutException", StringComparison.Ordinal);
}
