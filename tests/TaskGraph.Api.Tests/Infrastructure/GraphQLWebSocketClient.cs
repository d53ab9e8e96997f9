using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// A real <see cref="ClientWebSocket"/> speaking graphql-transport-ws to a factory started with
/// <see cref="TaskGraphFactory.WithKestrel"/>: what a graphql-ws client sends, one message at a time.
/// A background loop reads what the server sends, so a test can wait for a message with a timeout
/// (cancelling a ClientWebSocket receive would abort the socket).
/// </summary>
public sealed class GraphQLWebSocketClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _reader;

    private GraphQLWebSocketClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = ReadAsync();
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    public static async Task<GraphQLWebSocketClient> ConnectAsync(TaskGraphFactory factory, string subProtocol = "graphql-transport-ws") =>
        new(await OpenAsync(factory, subProtocol));

    /// <summary>connection_init with the token, then the server's connection_ack.</summary>
    public static async Task<GraphQLWebSocketClient> ConnectAndInitAsync(TaskGraphFactory factory, string token)
    {
        var client = await ConnectAsync(factory);
        await client.InitAsync(token);
        return client;
    }

    /// <summary>A connected socket with nobody reading it (for slow-consumer tests), optionally through a custom handler.</summary>
    public static async Task<ClientWebSocket> OpenAsync(TaskGraphFactory factory, string subProtocol = "graphql-transport-ws", HttpMessageInvoker? invoker = null)
    {
        var socket = new ClientWebSocket();
        if (subProtocol.Length > 0)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }
        var uri = new UriBuilder(factory.ServerAddress) { Scheme = "ws", Path = "/graphql" }.Uri;
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, invoker, timeout.Token);
        return socket;
    }

    public static Task SendAsync(WebSocket socket, object message)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        return socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message)), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public static object Init(string token) =>
        new { type = "connection_init", payload = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" } };

    public static object Subscribe(string id, string query, object? variables = null) =>
        new { id, type = "subscribe", payload = new { query, variables } };

    public async Task InitAsync(string token)
    {
        await SendAsync(Init(token));
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack.GetProperty("type").GetString());
    }

    public Task SendAsync(object message) => SendAsync(_socket, message);

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) => SendAsync(Subscribe(id, query, variables));

    /// <summary>The next message; fails if the socket closes first or nothing comes in time.</summary>
    public async Task<JsonElement> ReceiveAsync(TimeSpan? timeout = null)
    {
        var message = await ReceiveOrCloseAsync(timeout);
        Assert.True(message is not null, $"The server closed the socket: {CloseStatus} {CloseStatusDescription}");
        return message.Value;
    }

    /// <summary>The next message, or null once the server has closed the socket; throws TimeoutException when nothing comes in time.</summary>
    public async Task<JsonElement?> ReceiveOrCloseAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _received.Reader.WaitToReadAsync(cancel.Token) && _received.Reader.TryRead(out var message) ? message : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message within {timeout ?? DefaultTimeout}.");
        }
    }

    /// <summary>The next message if one comes within <paramref name="wait"/>, else null (the socket stays open).</summary>
    public async Task<JsonElement?> TryReceiveAsync(TimeSpan wait)
    {
        try
        {
            return await ReceiveOrCloseAsync(wait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>The payload of the next message, which must be <c>next</c> for <paramref name="id"/>.</summary>
    public async Task<JsonElement> NextAsync(string id, TimeSpan? timeout = null)
    {
        var message = await ReceiveAsync(timeout);
        Assert.True(message.GetProperty("type").GetString() == "next" && message.GetProperty("id").GetString() == id, $"Expected next for {id}, got {message}");
        return message.GetProperty("payload");
    }

    /// <summary>The taskChanged event of the next message, which must be an error-free <c>next</c> for <paramref name="id"/>.</summary>
    public async Task<JsonElement> NextEventAsync(string id, TimeSpan? timeout = null)
    {
        var payload = await NextAsync(id, timeout);
        Assert.False(payload.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return payload.GetProperty("data").GetProperty("taskChanged");
    }

    /// <summary>The next message, which must be of this type for this id.</summary>
    public async Task<JsonElement> ExpectAsync(string type, string id)
    {
        var message = await ReceiveAsync();
        Assert.True(message.GetProperty("type").GetString() == type && message.GetProperty("id").GetString() == id, $"Expected {type} for {id}, got {message}");
        return message;
    }

    /// <summary>Waits for the server to close the socket (failing on any message before that) and returns the close code.</summary>
    public async Task<WebSocketCloseStatus?> ReceiveCloseAsync(TimeSpan? timeout = null)
    {
        var message = await ReceiveOrCloseAsync(timeout);
        Assert.True(message is null, $"Expected the socket to close, got {message}");
        await _reader;
        return _socket.CloseStatus;
    }

    /// <summary>Every message until the server closes the socket, and the close code.</summary>
    public async Task<(List<JsonElement> Messages, WebSocketCloseStatus? Status)> DrainAsync(TimeSpan? timeout = null)
    {
        var messages = new List<JsonElement>();
        while (await ReceiveOrCloseAsync(timeout) is { } message)
        {
            messages.Add(message);
        }
        await _reader;
        return (messages, _socket.CloseStatus);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
                await _reader.WaitAsync(timeout.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                // the server is gone already
            }
        }
        _socket.Abort();
        await _reader;
        _socket.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    }
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    _received.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // aborted
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }
}
