using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Events;

/// <summary>taskChanged over a real WebSocket (ClientWebSocket speaking graphql-transport-ws).</summary>
public sealed class WebSocketSubscriptionTests : IDisposable
{
    private readonly TaskGraphFactory _factory = new TaskGraphFactory().WithKestrel();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Own_events_arrive_in_order_with_the_task_after_each_change()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);

        var task = await alice.Client.CreateTaskAsync("first");
        (await alice.Client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { completed = true })).EnsureSuccessStatusCode();
        (await alice.Client.DeleteAsync($"/v1/tasks/{task.Id}")).EnsureSuccessStatusCode();

        var created = await socket.NextEventAsync("1");
        var updated = await socket.NextEventAsync("1");
        var deleted = await socket.NextEventAsync("1");
        Assert.Equal(["CREATED", "UPDATED", "DELETED"], new[] { created, updated, deleted }.Select(e => e.Type()));
        Assert.Equal([1, 2, 3], new[] { created, updated, deleted }.Select(e => e.GetProperty("version").GetInt32()));
        Assert.True(created.Id() < updated.Id() && updated.Id() < deleted.Id());
        Assert.False(created.GetProperty("task").GetProperty("completed").GetBoolean());
        Assert.True(updated.GetProperty("task").GetProperty("completed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("task").ValueKind);
        Assert.Equal(task.Id.ToString(CultureInfo.InvariantCulture), deleted.GetProperty("taskId").GetString());
        Assert.Equal(alice.User.Username, created.GetProperty("actor").GetProperty("username").GetString());
    }

    [Fact]
    public async Task Without_after_a_subscription_gets_the_changes_committed_once_it_is_live()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await socket.SubscribeAsync("live", Subscriptions.TaskChanged);
        var marker = await socket.WaitUntilLiveAsync("live", alice.Client);

        await alice.Client.CreateTaskAsync("one");
        await alice.Client.CreateTaskAsync("two");

        var one = await socket.NextEventAsync("live");
        var two = await socket.NextEventAsync("live");
        Assert.Equal(["one", "two"], new[] { one.Title(), two.Title() });
        Assert.True(marker.Id() < one.Id() && one.Id() < two.Id());
    }

    [Fact]
    public async Task Another_users_events_never_arrive_and_an_admin_gets_everyones()
    {
        var alice = await _factory.CreateUserClientAsync();
        var bob = await _factory.CreateUserClientAsync();
        var adminToken = await TaskGraphFactory.LoginAsync(_factory.CreateClient(), TaskGraphFactory.AdminUsername, TaskGraphFactory.AdminPassword);
        await using var aliceSocket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await using var adminSocket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, adminToken);
        await aliceSocket.SubscribeAsync("a", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await adminSocket.SubscribeAsync("a", Subscriptions.TaskChanged, Subscriptions.FromStart);

        await bob.Client.CreateTaskAsync("bob's secret");
        await alice.Client.CreateTaskAsync("alice's");

        // Events arrive in id order: had bob's reached alice, it would come before her own.
        Assert.Equal("alice's", (await aliceSocket.NextEventAsync("a")).Title());
        Assert.Equal("bob's secret", (await adminSocket.NextEventAsync("a")).Title());
        Assert.Equal("alice's", (await adminSocket.NextEventAsync("a")).Title());
    }

    [Fact]
    public async Task A_demoted_admin_stops_receiving_other_users_events_on_the_open_subscription()
    {
        var carol = await _factory.CreateUserClientAsync();
        var bob = await _factory.CreateUserClientAsync();
        var root = await _factory.CreateAdminClientAsync();
        (await root.PatchAsJsonAsync($"/v1/users/{carol.User.Id}/role", new { role = "admin" })).EnsureSuccessStatusCode();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, carol.Token);
        await socket.SubscribeAsync("s", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await bob.Client.CreateTaskAsync("seen while admin");
        Assert.Equal("seen while admin", (await socket.NextEventAsync("s")).Title());

        (await root.PatchAsJsonAsync($"/v1/users/{carol.User.Id}/role", new { role = "user" })).EnsureSuccessStatusCode();
        await bob.Client.CreateTaskAsync("not for carol any more");
        await carol.Client.CreateTaskAsync("carol's own");

        Assert.Equal("carol's own", (await socket.NextEventAsync("s")).Title());
    }

    [Fact]
    public async Task Connection_init_without_a_valid_token_is_closed_with_4401()
    {
        await using var anonymous = await GraphQLWebSocketClient.ConnectAsync(_factory);
        await anonymous.SendAsync(new { type = "connection_init" });
        Assert.Equal((WebSocketCloseStatus)4401, await anonymous.ReceiveCloseAsync());

        await using var forged = await GraphQLWebSocketClient.ConnectAsync(_factory);
        await forged.SendAsync(new { type = "connection_init", payload = new { Authorization = "Bearer not-a-token" } });
        Assert.Equal((WebSocketCloseStatus)4401, await forged.ReceiveCloseAsync());

        await using var hasty = await GraphQLWebSocketClient.ConnectAsync(_factory);
        await hasty.SubscribeAsync("1", Subscriptions.TaskChanged);
        Assert.Equal((WebSocketCloseStatus)4401, await hasty.ReceiveCloseAsync());
    }

    [Fact]
    public async Task After_resumes_across_a_reconnect_without_gap_or_duplicate_while_writes_continue()
    {
        var alice = await _factory.CreateUserClientAsync();
        long lastSeen;
        await using (var first = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token))
        {
            await first.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
            await alice.Client.CreateTaskAsync("before the drop");
            lastSeen = (await first.NextEventAsync("1")).Id();
        }
        // Missed while offline, then more written while the client replays and goes live.
        for (var i = 0; i < 5; i++)
        {
            await alice.Client.CreateTaskAsync($"offline {i}");
        }
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 15 && !writing.IsCancellationRequested; i++)
            {
                await alice.Client.CreateTaskAsync($"during {i}");
            }
        });
        await using var second = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await second.SubscribeAsync("1", Subscriptions.TaskChanged, new { after = lastSeen.ToString(CultureInfo.InvariantCulture) });
        await writer;

        var expected = await alice.Client.EventIdsAfterAsync(lastSeen);
        var received = new List<long>();
        while (received.Count < expected.Count)
        {
            received.Add((await second.NextEventAsync("1")).Id());
        }
        Assert.Equal(20, expected.Count);
        Assert.Equal(expected, received);
        Assert.Null(await second.TryReceiveAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Where_is_tested_on_the_task_after_the_change_and_deletions_always_pass()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await socket.SubscribeAsync("high", Subscriptions.TaskChanged, new { after = "0", where = new { priority = new { eq = "HIGH" } } });

        var low = await alice.Client.CreateTaskAsync("low at first", "low");
        (await alice.Client.PatchAsJsonAsync($"/v1/tasks/{low.Id}", new { priority = "high" })).EnsureSuccessStatusCode();
        (await alice.Client.PatchAsJsonAsync($"/v1/tasks/{low.Id}", new { priority = "medium" })).EnsureSuccessStatusCode();
        (await alice.Client.DeleteAsync($"/v1/tasks/{low.Id}")).EnsureSuccessStatusCode();

        var raised = await socket.NextEventAsync("high");
        var deleted = await socket.NextEventAsync("high");
        Assert.Equal(("UPDATED", 2), (raised.Type(), raised.GetProperty("version").GetInt32()));
        Assert.Equal("DELETED", deleted.Type());
    }

    [Fact]
    public async Task Queries_and_mutations_run_over_the_socket_and_request_errors_come_back_as_error_messages()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);

        await socket.SubscribeAsync("m", """mutation { createTask(input: {title: "over the socket"}) { title version } }""");
        var created = await socket.NextAsync("m");
        await socket.ExpectAsync("complete", "m");
        await socket.SubscribeAsync("q", "{ me { username } }");
        var me = await socket.NextAsync("q");
        await socket.ExpectAsync("complete", "q");
        await socket.SubscribeAsync("bad", "{ nope }");
        var error = await socket.ExpectAsync("error", "bad");

        Assert.Equal("over the socket", created.GetProperty("data").GetProperty("createTask").GetProperty("title").GetString());
        Assert.Equal(alice.User.Username, me.GetProperty("data").GetProperty("me").GetProperty("username").GetString());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Single(await alice.Client.GetFromJsonAsync<TaskDto[]>("/v1/tasks") ?? []);
    }

    [Fact]
    public async Task Ping_gets_pong_and_complete_from_the_client_ends_the_subscription()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await socket.SendAsync(new { type = "ping", payload = new { at = 1 } });
        var pong = await socket.ReceiveAsync();
        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(1, pong.GetProperty("payload").GetProperty("at").GetInt32());

        await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await alice.Client.CreateTaskAsync("heard");
        Assert.Equal("heard", (await socket.NextEventAsync("1")).Title());
        await socket.SendAsync(new { id = "1", type = "complete" });
        await alice.Client.CreateTaskAsync("not heard");
        // The id is free again; the new subscription starts where the first left off, so "not heard" is its first event.
        await socket.SubscribeAsync("1", "subscription { taskChanged(after: \"1\") { task { title } } }");

        Assert.Equal("not heard", (await socket.NextAsync("1")).GetProperty("data").GetProperty("taskChanged").GetProperty("task").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("not json", 4400)]
    [InlineData("""{"type":"unheard-of"}""", 4400)]
    [InlineData("""{"id":"1","type":"subscribe","payload":{"query":42}}""", 4400)]
    [InlineData("""{"type":"connection_init"}""", 4429)]
    public async Task Protocol_violations_close_the_socket_with_the_protocols_code(string message, int code)
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);

        await socket.SendTextAsync(message);

        Assert.Equal((WebSocketCloseStatus)code, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_second_subscribe_with_an_id_in_use_is_closed_with_4409()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);
        await socket.SubscribeAsync("same", Subscriptions.TaskChanged);
        await socket.SubscribeAsync("same", Subscriptions.TaskChanged);

        Assert.Equal((WebSocketCloseStatus)4409, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_client_without_the_subprotocol_is_closed_with_4406()
    {
        await using var socket = await GraphQLWebSocketClient.ConnectAsync(_factory, subProtocol: "");

        Assert.Equal((WebSocketCloseStatus)4406, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_closed_with_1009()
    {
        var alice = await _factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(_factory, alice.Token);

        await socket.SubscribeAsync("big", "{ me { username } }" + new string(' ', 70 * 1024));

        Assert.Equal(WebSocketCloseStatus.MessageTooBig, await socket.ReceiveCloseAsync());
    }

    [Fact]
    public async Task A_subscription_over_plain_http_is_refused_with_400()
    {
        var alice = await _factory.CreateUserClientAsync();

        var result = await alice.Client.GraphQLAsync(Subscriptions.TaskChanged);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        result.SingleError("BAD_REQUEST");
    }
}
