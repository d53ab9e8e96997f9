using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Tests.Events;

/// <summary>What bounds one client over the WebSocket: operations per connection, subscriptions per user, request rate, reading speed, token lifetime.</summary>
public sealed class SubscriptionLimitTests
{
    [Fact]
    public async Task Subscriptions_past_the_per_connection_and_per_user_limits_get_RATE_LIMITED_and_are_counted_in_metrics()
    {
        using var factory = new TaskGraphFactory().WithKestrel();
        factory.Settings["Subscriptions:MaxOperationsPerConnection"] = "2";
        factory.Settings["Subscriptions:MaxSubscriptionsPerUser"] = "3";
        var alice = await factory.CreateUserClientAsync();
        await using var first = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, alice.Token);
        await using var second = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, alice.Token);
        await first.SubscribeAsync("a", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await first.SubscribeAsync("b", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await second.SubscribeAsync("c", Subscriptions.TaskChanged, Subscriptions.FromStart);
        await alice.Client.CreateTaskAsync("proves all three are live");
        var live = new[] { await first.ReceiveAsync(), await first.ReceiveAsync(), await second.ReceiveAsync() };

        await first.SubscribeAsync("d", Subscriptions.TaskChanged);
        await second.SubscribeAsync("e", Subscriptions.TaskChanged);
        var connectionFull = await first.ExpectAsync("error", "d");
        var userFull = await second.ExpectAsync("error", "e");

        Assert.All(live, message => Assert.Equal("next", message.GetProperty("type").GetString()));
        Assert.Equal("RATE_LIMITED", Code(connectionFull));
        Assert.Equal("RATE_LIMITED", Code(userFull));
        Assert.Contains("3 subscriptions", Message(userFull), StringComparison.Ordinal);
        var metrics = await alice.Client.GetStringAsync("/metrics");
        Assert.Matches("""taskgraph_subscriptions_active\{[^}]*transport="websocket"[^}]*\} 3\b""", metrics);
        Assert.Matches("""taskgraph_subscriptions_rejections_total\{[^}]*limit="connection"[^}]*\} 1\b""", metrics);
        Assert.Matches("""taskgraph_subscriptions_rejections_total\{[^}]*limit="user"[^}]*\} 1\b""", metrics);
        Assert.Matches("""taskgraph_subscriptions_events_total\{[^}]*transport="websocket"[^}]*\} 3\b""", metrics);

        // Completing one frees a place for the user, once the server has processed the complete.
        await first.SendAsync(new { id = "a", type = "complete" });
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Regex.IsMatch(await alice.Client.GetStringAsync("/metrics"), """taskgraph_subscriptions_active\{[^}]*transport="websocket"[^}]*\} 2\b"""))
        {
            Assert.True(DateTime.UtcNow < deadline, "The completed subscription still counts.");
            await Task.Delay(100);
        }
        await second.SubscribeAsync("f", Subscriptions.TaskChanged, Subscriptions.FromStart);
        Assert.Equal("proves all three are live", (await second.NextEventAsync("f")).Title());
    }

    [Fact]
    public async Task Each_operation_over_the_socket_counts_against_the_request_rate_limit()
    {
        using var factory = new TaskGraphFactory().WithKestrel().WithRateLimit(2, 60);
        var alice = await factory.CreateUserClientAsync();
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, alice.Token);

        for (var i = 1; i <= 2; i++)
        {
            await socket.SubscribeAsync($"q{i}", "{ me { id } }");
            await socket.NextAsync($"q{i}");
            await socket.ExpectAsync("complete", $"q{i}");
        }
        await socket.SubscribeAsync("q3", "{ me { id } }");
        var limited = await socket.ExpectAsync("error", "q3");

        Assert.Equal("RATE_LIMITED", Code(limited));
        Assert.InRange(limited.GetProperty("payload")[0].GetProperty("extensions").GetProperty("retryAfter").GetInt32(), 1, 60);
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_closed_with_1013_instead_of_buffering_without_bound()
    {
        using var factory = new TaskGraphFactory().WithKestrel();
        factory.Settings["Events:SubscriberBufferSize"] = "5";
        factory.Settings["Subscriptions:MaxInFlightEvents"] = "1";
        // Small kernel buffers on both ends (accepted sockets inherit the listener's), so the server
        // feels the client's stop within a few dozen messages rather than megabytes.
        factory.OverrideServices = services => services.Configure<SocketTransportOptions>(transport => transport.CreateBoundListenSocket = endpoint =>
        {
            var listener = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            listener.SendBufferSize = 8192;
            return listener;
        });
        var alice = await factory.CreateUserClientAsync();
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096, NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var invoker = new HttpMessageInvoker(handler);
        using var raw = await GraphQLWebSocketClient.OpenAsync(factory, invoker: invoker);
        await GraphQLWebSocketClient.SendAsync(raw, GraphQLWebSocketClient.Init(alice.Token));
        await GraphQLWebSocketClient.SendAsync(raw, GraphQLWebSocketClient.Subscribe("1",
            "subscription { taskChanged(after: \"0\") { id task { title description } } }"));

        var description = new string('x', 2000);
        var created = 0;
        while (created < 400 && !(await alice.Client.GetStringAsync("/metrics")).Contains("code=\"1013\"", StringComparison.Ordinal))
        {
            for (var i = 0; i < 10; i++, created++)
            {
                (await alice.Client.PostAsJsonAsync("/v1/tasks", new { title = $"task {created}", description })).EnsureSuccessStatusCode();
            }
        }

        var (messages, status) = await ReadToCloseAsync(raw);
        Assert.Equal((WebSocketCloseStatus)1013, status);
        Assert.InRange(messages, 1, created - 1); // some arrived, the rest were not buffered for it
    }

    [Fact]
    public async Task The_socket_is_closed_with_4401_when_its_token_expires()
    {
        using var factory = new TaskGraphFactory().WithKestrel();
        var alice = await factory.CreateUserClientAsync();
        string token;
        using (var scope = factory.Services.CreateScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().GetAsync(alice.User.Id, CancellationToken.None);
            var options = scope.ServiceProvider.GetRequiredService<IOptions<AuthOptions>>();
            // Issued 59 min 57 s ago with the default 60 min lifetime: 3 s left.
            var issuedEarlier = new ShiftedTime(-(TimeSpan.FromMinutes(options.Value.AccessTokenMinutes) - TimeSpan.FromSeconds(3)));
            token = new TokenIssuer(options, issuedEarlier).Issue(user).Token;
        }
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, token);

        Assert.Equal((WebSocketCloseStatus)4401, await socket.ReceiveCloseAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("expired", socket.CloseStatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_init_must_come_within_the_timeout_or_the_socket_is_closed_with_4408()
    {
        using var factory = new TaskGraphFactory().WithKestrel();
        factory.Settings["Subscriptions:ConnectionInitTimeoutSeconds"] = "1";
        await using var silent = await GraphQLWebSocketClient.ConnectAsync(factory);

        Assert.Equal((WebSocketCloseStatus)4408, await silent.ReceiveCloseAsync());
    }

    private static string Code(JsonElement error) => error.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString()!;

    private static string Message(JsonElement error) => error.GetProperty("payload")[0].GetProperty("message").GetString()!;

    private static async Task<(int Next, WebSocketCloseStatus? Status)> ReadToCloseAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var next = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (next, socket.CloseStatus);
            }
            // Messages may span frames; counting frame starts of "next" messages is enough here.
            if (System.Text.Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"type\":\"next\"", StringComparison.Ordinal))
            {
                next++;
            }
        }
    }

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
