using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>Two instances over one database and Redis deliver every event once, under one webhook-id.</summary>
[Collection(RedisTests.Name)]
public sealed class WebhookMultiInstanceTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Two_instances_never_deliver_one_event_as_two_different_webhook_ids()
    {
        await using var receiver = new WebhookReceiver();
        var prefix = $"webhooks-{Guid.NewGuid():N}:";
        using var one = new TaskGraphFactory().ForWebhooks().WithRedis(redis, prefix);
        using var two = new TaskGraphFactory().ForWebhooks().WithRedis(redis, prefix);
        two.Settings["Database:Url"] = one.Settings["Database:Url"];
        var alice = await one.CreateUserClientAsync();
        var aliceOnTwo = two.CreateClientLike(alice.Client);
        var webhook = await alice.Client.CreateWebhookAsync(receiver.Url.AbsoluteUri);

        const int changes = 30;
        await Task.WhenAll(Enumerable.Range(0, changes).Select(i => (i % 2 == 0 ? alice.Client : aliceOnTwo).CreateTaskAsync($"task {i}")));
        var events = (await alice.Client.GetFromJsonAsync<JsonElement>("/v1/events?after=0&limit=100")).EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        var distinct = new HashSet<string>();
        while (distinct.Count < changes)
        {
            distinct.Add((await receiver.NextAsync()).Id);
        }
        await one.JobsIdleAsync();
        await two.JobsIdleAsync();

        Assert.Equal(changes, events.Count);
        Assert.Equal(events.Select(id => $"evt_{id}_{webhook.Id}").Order(), distinct.Order());
        // Each event reached the receiver under exactly one id (at-least-once may repeat it, never rename it).
        Assert.All(receiver.All.GroupBy(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("id").GetInt32()),
            group => Assert.Single(group.Select(r => r.Id).Distinct()));
        Assert.Equal(changes, receiver.All.Count);
    }
}
