using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Redis;

/// <summary>A Redis that is up but does not answer in time: a failure like a dead one, never a 500.</summary>
[Collection(RedisTests.Name)]
public sealed class RedisStallTests(RedisServerFixture redis)
{
    [Fact]
    public async Task When_redis_stalls_writes_reads_and_graphql_still_succeed()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithRateLimit(1000, 60);
        var alice = await factory.CreateUserClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetAsync("/v1/tasks")).StatusCode);

        // Every client's commands wait 3 s (redis-cli ships with redis-server): longer than the app's Redis timeouts.
        await RedisCliAsync("CLIENT", "PAUSE", "3000", "ALL");

        // Rate limiting (timed out → fail-open), the write's cache invalidation and the list cache all time out here.
        var created = await alice.Client.PostAsJsonAsync("/v1/tasks", new { title = "written while Redis stalls" });
        var list = await alice.Client.GetAsync("/v1/tasks");
        var graphql = await alice.Client.GraphQLAsync("{ tasks { totalCount } }");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains((await list.Content.ReadFromJsonAsync<List<TaskDto>>())!, t => t.Title == "written while Redis stalls");
        Assert.Equal(1, graphql.Data.GetProperty("tasks").GetProperty("totalCount").GetInt32());
        await RedisCliAsync("CLIENT", "UNPAUSE"); // the next test in the collection gets a live Redis
    }

    private async Task RedisCliAsync(params string[] command)
    {
        using var cli = System.Diagnostics.Process.Start("redis-cli", ["-p", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. command]);
        await cli.WaitForExitAsync();
        Assert.Equal(0, cli.ExitCode);
    }
}
