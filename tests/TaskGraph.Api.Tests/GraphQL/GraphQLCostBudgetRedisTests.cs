using System.Net;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>The cost budget in Redis: one budget per client across instances, and never none when Redis is gone.</summary>
[Collection(RedisTests.Name)]
public sealed class GraphQLCostBudgetRedisTests(RedisServerFixture redis)
{
    /// <summary>10 points, none given back.</summary>
    private const string Create = "mutation { createTask(input: {title: \"budgeted\"}) { id } }";

    [Fact]
    public async Task Two_instances_share_one_budget_exactly_under_concurrent_operations()
    {
        using var first = new TaskGraphFactory().WithRedis(redis).WithCostBudget(50);
        using var second = new TaskGraphFactory().WithCostBudget(50).SharingWith(first);
        var (firstClient, _) = await first.CreateUserClientAsync();
        var secondClient = second.CreateClientLike(firstClient);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? firstClient : secondClient).GraphQLAsync(Create)));

        Assert.Equal(5, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(r => r.Status == HttpStatusCode.TooManyRequests));
        var tasks = await firstClient.GetAsync("/v1/tasks");
        Assert.Equal("5", tasks.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task With_redis_down_the_instance_keeps_the_budget_redis_last_reported()
    {
        using var factory = new TaskGraphFactory().WithRedis(redis).WithCostBudget(30);
        var (client, _) = await factory.CreateUserClientAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Empty((await client.GraphQLAsync(Create)).Errors);
        }

        await redis.KillAsync();
        try
        {
            var refused = await client.GraphQLAsync(Create);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
            refused.SingleError("RATE_LIMITED");
            Assert.InRange(refused.Cost.GetProperty("throttleStatus").GetProperty("currentlyAvailable").GetInt64(), 0, 9);
        }
        finally
        {
            await redis.StartAsync();
        }
    }
}
