using System.Net.WebSockets;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Events;

/// <summary>Stopping the host (SIGTERM in production) completes open subscriptions instead of cutting them off.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_completes_websocket_subscriptions_then_closes_with_1001_and_completes_sse_streams()
    {
        var factory = new TaskGraphFactory().WithKestrel();
        try
        {
            var alice = await factory.CreateUserClientAsync();
            await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, alice.Token);
            await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
            await using var stream = await SseClient.PostAsync(alice.Client, Subscriptions.TaskChanged, Subscriptions.FromStart);
            await alice.Client.CreateTaskAsync("before the stop");
            await socket.NextEventAsync("1");
            await stream.NextEventAsync();

            var stopping = Task.Run(factory.Dispose);

            await socket.ExpectAsync("complete", "1");
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await socket.ReceiveCloseAsync());
            await stream.ExpectCompleteAsync();
            await stopping;
        }
        finally
        {
            factory.Dispose();
        }
    }
}
