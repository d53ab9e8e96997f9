using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tests.Events;

/// <summary>Several instances over one database and one Redis: an event reaches subscribers wherever they are connected.</summary>
[Collection(RedisTests.Name)]
public sealed class MultiInstanceEventTests(RedisServerFixture redis)
{
    [Fact]
    public async Task An_event_committed_on_one_instance_reaches_a_subscriber_on_another_within_a_second()
    {
        var prefix = $"events-{Guid.NewGuid():N}:";
        using var subscriberSide = new TaskGraphFactory().WithKestrel().WithRedis(redis, prefix);
        using var writerSide = new TaskGraphFactory().WithRedis(redis, prefix);
        writerSide.Settings["Database:Url"] = subscriberSide.Settings["Database:Url"];
        // Its periodic read is out of the picture: only the Redis wake-up can deliver in time.
        subscriberSide.Settings["Events:PollIntervalMilliseconds"] = "60000";
        var alice = await writerSide.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(subscriberSide, alice.Token);
        await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await alice.Client.CreateTaskAsync("warm-up (first connections and compilation are not timed)");
        await socket.NextEventAsync("1");

        await alice.Client.CreateTaskAsync("timed");
        var committed = Stopwatch.StartNew();
        var received = await socket.NextEventAsync("1");
        committed.Stop();

        Assert.Equal("timed", received.Title());
        Assert.True(committed.Elapsed < TimeSpan.FromSeconds(1), $"Took {committed.Elapsed.TotalMilliseconds} ms after the commit.");
    }

    [Fact]
    public async Task An_instance_killed_between_commit_and_publish_loses_no_event()
    {
        var prefix = $"events-{Guid.NewGuid():N}:";
        using var survivor = new TaskGraphFactory().WithKestrel().WithRedis(redis, prefix);
        survivor.Settings["Events:PollIntervalMilliseconds"] = "500";
        var alice = await survivor.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(survivor, alice.Token);
        await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await alice.Client.CreateTaskAsync("before");
        var lastSeen = (await socket.NextEventAsync("1")).Id();

        // The doomed instance commits and is gone before telling anyone: no wake-up, no cache bump.
        using (var doomed = new TaskGraphFactory().WithRedis(redis, prefix))
        {
            doomed.Settings["Database:Url"] = survivor.Settings["Database:Url"];
            doomed.OverrideServices = services => services.RemoveAll<ITaskChangeListener>();
            var client = doomed.CreateClient();
            client.DefaultRequestHeaders.Authorization = alice.Client.DefaultRequestHeaders.Authorization;
            await client.CreateTaskAsync("committed, never published");
        }

        // The survivor's periodic read of the log delivers it to its subscriber...
        var delivered = await socket.NextEventAsync("1");
        Assert.Equal("committed, never published", delivered.Title());

        // ...and a restarted instance replays it to a client that reconnects there with after.
        using var restarted = new TaskGraphFactory().WithKestrel().WithRedis(redis, prefix);
        restarted.Settings["Database:Url"] = survivor.Settings["Database:Url"];
        await using var reconnected = await GraphQLWebSocketClient.ConnectAndInitAsync(restarted, alice.Token);
        await reconnected.SubscribeAsync("1", Subscriptions.TaskChanged, new { after = lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var replayed = await reconnected.NextEventAsync("1");
        Assert.Equal((delivered.Id(), "committed, never published"), (replayed.Id(), replayed.Title()));
    }
}
