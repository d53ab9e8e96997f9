using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane;

namespace TaskGraph.Api.Tests.Auth;

/// <summary>Callers are cached per instance; a role change evicts them on every instance sharing the Redis.</summary>
[Collection(RedisTests.Name)]
public sealed class CallerCacheTests(RedisServerFixture redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_demotion_on_one_instance_refuses_the_next_admin_request_on_another()
    {
        using var instances = await PromotedUserOnTwoInstancesAsync();
        // The second instance now holds the user as an admin.
        (await instances.OnSecond.GetAsync("/v1/users")).EnsureSuccessStatusCode();
        (await instances.OnSecond.GetAsync("/v1/users")).EnsureSuccessStatusCode();
        var evicted = EvictionReceived(instances.Second, instances.UserId);

        await instances.DemoteAsync();

        await evicted.WaitAsync(Patience);
        await (await instances.OnSecond.GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await instances.OnFirst.GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_role_read_that_a_demotion_overtakes_answers_its_request_but_is_not_kept()
    {
        using var instances = await PromotedUserOnTwoInstancesAsync();
        var userId = instances.UserId;
        var evicted = EvictionReceived(instances.Second, userId);
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A lookup on the second instance that read the row while the user was still an admin.
        var inFlight = instances.Second.Services.GetRequiredService<CallerCache>().GetOrLoadAsync(userId, async _ =>
        {
            reading.SetResult();
            await readDone.Task;
            return new Actor(userId, Role.Admin);
        }, CancellationToken.None);
        await reading.Task.WaitAsync(Patience);

        await instances.DemoteAsync();
        await evicted.WaitAsync(Patience);
        readDone.SetResult();

        Assert.Equal(Role.Admin, (await inFlight.AsTask().WaitAsync(Patience))?.Role);
        await (await instances.OnSecond.GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task While_the_redis_subscription_is_down_every_request_asks_the_database_and_caching_resumes_after()
    {
        using var factory = new CommandCountingFactory().WithRedis(redis);
        var (client, _) = await factory.CreateUserClientAsync();
        (await client.GetAsync("/v1/auth/me")).EnsureSuccessStatusCode();
        factory.Commands.Clear();
        (await client.GetAsync("/v1/auth/me")).EnsureSuccessStatusCode();
        Assert.DoesNotContain(factory.Commands.Commands, CurrentUserTests.IsRoleLookup);

        try
        {
            await redis.KillAsync();
            await WaitUntilAsync(async () => await RoleLookupsAsync(factory, client) == 1);
            Assert.Equal(1, await RoleLookupsAsync(factory, client));
            Assert.Equal(1, await RoleLookupsAsync(factory, client));
        }
        finally
        {
            await redis.StartAsync();
        }

        await WaitUntilAsync(async () => await RoleLookupsAsync(factory, client) == 0);
        Assert.Equal(0, await RoleLookupsAsync(factory, client));
    }

    /// <summary>Two instances on one database and Redis, and a user an admin has just promoted, signed in on both.</summary>
    private async Task<TwoInstances> PromotedUserOnTwoInstancesAsync()
    {
        var first = new TaskGraphFactory().WithRedis(redis);
        var second = new TaskGraphFactory().SharingWith(first);
        try
        {
            var (onFirst, user) = await first.CreateUserClientAsync();
            var admin = await first.CreateAdminClientAsync();
            (await admin.PatchAsJsonAsync($"/v1/users/{user.Id}/role", new { role = "admin" })).EnsureSuccessStatusCode();
            return new TwoInstances(first, second, onFirst, second.CreateClientLike(onFirst), admin, user.Id);
        }
        catch
        {
            second.Dispose();
            first.Dispose();
            throw;
        }
    }

    private sealed record TwoInstances(TaskGraphFactory First, TaskGraphFactory Second, HttpClient OnFirst, HttpClient OnSecond, HttpClient Admin, int UserId) : IDisposable
    {
        public async Task DemoteAsync() =>
            (await Admin.PatchAsJsonAsync($"/v1/users/{UserId}/role", new { role = "user" })).EnsureSuccessStatusCode();

        public void Dispose()
        {
            Second.Dispose();
            First.Dispose();
        }
    }

    /// <summary>Completes when <paramref name="factory"/>'s instance hears, over Redis, that the user's entry is gone.</summary>
    private static Task EvictionReceived(TaskGraphFactory factory, int userId)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cache = factory.Services.GetRequiredService<IFusionCacheProvider>().GetCache(CallerCache.CacheName);
        var key = userId.ToString(CultureInfo.InvariantCulture);
        cache.Events.Backplane.MessageReceived += (_, e) =>
        {
            if (e.Message.Action == BackplaneMessageAction.EntryRemove && e.Message.CacheKey == key)
            {
                received.TrySetResult();
            }
        };
        return received.Task;
    }

    private static async Task<int> RoleLookupsAsync(CommandCountingFactory factory, HttpClient client)
    {
        factory.Commands.Clear();
        (await client.GetAsync("/v1/auth/me")).EnsureSuccessStatusCode();
        return factory.Commands.Commands.Count(CurrentUserTests.IsRoleLookup);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
