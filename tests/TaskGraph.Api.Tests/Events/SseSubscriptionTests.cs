using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Events;

/// <summary>taskChanged over Server-Sent Events (distinct connections mode): POST /graphql with Accept: text/event-stream.</summary>
public sealed class SseSubscriptionTests : IDisposable
{
    private readonly TaskGraphFactory _factory = new TaskGraphFactory().WithKestrel();

    // No keep-alive comment within any test's time: the headers and events must go out on their own.
    public SseSubscriptionTests() => _factory.Settings["Subscriptions:KeepAliveSeconds"] = "3600";

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Own_events_arrive_in_order_as_next_events_and_another_users_never()
    {
        var alice = await _factory.CreateUserClientAsync();
        var bob = await _factory.CreateUserClientAsync();
        await using var stream = await SseClient.PostAsync(alice.Client, Subscriptions.TaskChanged, Subscriptions.FromStart);

        await bob.Client.CreateTaskAsync("bob's");
        var task = await alice.Client.CreateTaskAsync("alice's");
        (await alice.Client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { completed = true })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var created = await stream.NextEventAsync();
        var updated = await stream.NextEventAsync();
        Assert.Equal(("CREATED", "alice's"), (created.Type(), created.Title()));
        Assert.Equal(("UPDATED", "alice's"), (updated.Type(), updated.Title()));
        Assert.True(created.Id() < updated.Id());
    }

    [Fact]
    public async Task Without_a_token_the_stream_carries_AUTH_NOT_AUTHENTICATED_then_completes()
    {
        await using var stream = await SseClient.PostAsync(_factory.CreateClient(), Subscriptions.TaskChanged);

        var next = await stream.NextAsync();

        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("AUTH_NOT_AUTHENTICATED", next.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        await stream.ExpectCompleteAsync();
    }

    [Fact]
    public async Task A_query_over_sse_is_one_next_event_then_complete()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var stream = await SseClient.PostAsync(alice.Client, "{ me { username } }");

        var next = await stream.NextAsync();

        Assert.Equal(alice.User.Username, next.GetProperty("data").GetProperty("me").GetProperty("username").GetString());
        await stream.ExpectCompleteAsync();
    }

    [Fact]
    public async Task Disconnecting_ends_the_subscription_on_the_server()
    {
        var alice = await _factory.CreateUserClientAsync();
        var stream = await SseClient.PostAsync(alice.Client, Subscriptions.TaskChanged, Subscriptions.FromStart);
        await alice.Client.CreateTaskAsync("seen");
        await stream.NextEventAsync();
        Assert.Matches("""taskgraph_subscriptions_active\{[^}]*transport="sse"[^}]*\} 1\b""", await alice.Client.GetStringAsync("/metrics"));

        await stream.DisposeAsync();

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!System.Text.RegularExpressions.Regex.IsMatch(await alice.Client.GetStringAsync("/metrics"), """taskgraph_subscriptions_active\{[^}]*transport="sse"[^}]*\} 0\b"""))
        {
            Assert.True(DateTime.UtcNow < deadline, "The server kept the subscription of a client that left.");
            await Task.Delay(100);
        }
    }
}
