using System.Buffers;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using TaskGraph.Api.Auth;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Events;
using TaskGraph.Core.Users;
using TaskGraph.Schema;
using TaskGraph.Schema.Execution;
using static TaskGraph.Api.GraphQL.Subscriptions.GraphQLWebSocketCloseCodes;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>
/// One socket speaking graphql-transport-ws. The client must send <c>connection_init</c> (with
/// <c>{"Authorization": "Bearer …"}</c>) within the init timeout; then any number of
/// <c>subscribe</c>/<c>complete</c> messages, each operation running on its own, answered with
/// <c>next</c>, <c>error</c> and <c>complete</c>; <c>ping</c> gets <c>pong</c>. One loop receives,
/// one loop sends from a bounded queue; anything that breaks the protocol or the limits closes the
/// socket with the protocol's code (<see cref="GraphQLWebSocketCloseCodes"/>).
/// </summary>
internal sealed partial class GraphQLWebSocketConnection(GraphQLWebSocketHandler server, WebSocket socket, HttpContext http) : IDisposable
{
    private const string Transport = "websocket";

    private readonly SubscriptionOptions _options = server.Options;
    private readonly Channel<Outgoing> _outgoing = Channel.CreateBounded<Outgoing>(new BoundedChannelOptions(server.Options.SendQueueLength) { SingleReader = true });
    private readonly Dictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _sendAbort = new();
    private readonly CancellationTokenSource _receiveAbort = new();
    private (WebSocketCloseStatus Status, string Reason)? _close;
    private volatile bool _discardQueued;
    private volatile bool _initReceived;
    private ClaimsPrincipal? _user;
    private CancellationTokenSource? _tokenExpiry;
    private bool _finished;

    public async Task RunAsync()
    {
        var sender = SendLoopAsync();
        using var initTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.ConnectionInitTimeoutSeconds), server.Time);
        using var initTimer = initTimeout.Token.Register(() =>
        {
            if (!_initReceived)
            {
                Close(ConnectionInitialisationTimeout, "Connection initialisation timeout");
            }
        });
        using var stopping = server.Stopping.Register(Shutdown);
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The peer vanished, or never answered our close in time.
        }
        catch (Exception exception)
        {
            LogConnectionFailed(server.Logger, exception);
            Close(InternalServerError, "Internal server error");
        }
        finally
        {
            Close(Normal, "");
            foreach (var operation in TakeAllOperations())
            {
                operation.Dispose();
            }
            await sender;
        }
    }

    /// <summary>After <see cref="RunAsync"/>: late callbacks (a timer, a subscription result) find the connection finished.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _finished = true;
        }
        _tokenExpiry?.Dispose();
        _sendAbort.Dispose();
        _receiveAbort.Dispose();
    }

    /// <summary>Reads messages until the client's close frame arrives (or the socket breaks).</summary>
    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        ArrayBufferWriter<byte>? message = null;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), _receiveAbort.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the client's close (echoing its code), unless this is the answer to ours.
                    Close(socket.CloseStatus ?? Normal, "", byClient: true);
                    return;
                }
                if (_close is not null)
                {
                    continue; // closing: wait for the client's close frame, ignore the rest
                }
                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    Close(BadRequest, "Binary messages are not supported");
                    continue;
                }
                if (received.EndOfMessage && message is null)
                {
                    await HandleAsync(buffer.AsMemory(0, received.Count));
                    continue;
                }
                message ??= new ArrayBufferWriter<byte>();
                if (message.WrittenCount + received.Count > _options.MaxMessageBytes)
                {
                    Close(MessageTooBig, $"Messages are limited to {_options.MaxMessageBytes} bytes");
                    message = null;
                    continue;
                }
                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    await HandleAsync(message.WrittenMemory);
                    message = null; // a large message's buffer is not kept for the life of the socket
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > _options.MaxMessageBytes)
        {
            Close(MessageTooBig, $"Messages are limited to {_options.MaxMessageBytes} bytes");
            return;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            Close(BadRequest, "Invalid message received: not JSON");
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeProperty) || typeProperty.ValueKind != JsonValueKind.String)
            {
                Close(BadRequest, "Invalid message received: a message is an object with a string type");
                return;
            }
            string? id = null;
            if (root.TryGetProperty("id", out var idProperty) && (idProperty.ValueKind != JsonValueKind.String || (id = idProperty.GetString()) is not { Length: > 0 }))
            {
                Close(BadRequest, "Invalid message received: id must be a non-empty string");
                return;
            }
            var payload = root.TryGetProperty("payload", out var payloadProperty) ? payloadProperty : default;
            switch (typeProperty.GetString())
            {
                case "connection_init":
                    await InitializeAsync(payload);
                    break;
                case "ping":
                    Send(new OperationMessage { Type = "pong", Payload = payload.ValueKind == JsonValueKind.Undefined ? null : payload });
                    break;
                case "pong":
                    break;
                case "subscribe":
                    Subscribe(id, payload);
                    break;
                case "complete" when id is not null:
                    // The client stopped listening: end it without a reply (the protocol forbids one).
                    TakeOperation(id, expected: null)?.Dispose();
                    break;
                default:
                    Close(BadRequest, "Invalid message received: unexpected type or missing id");
                    break;
            }
        }
    }

    /// <summary>connection_init: the token in the payload (or, for non-browser clients, in the upgrade request's header); ack or 4401.</summary>
    private async Task InitializeAsync(JsonElement payload)
    {
        if (_initReceived)
        {
            Close(TooManyInitialisationRequests, "Too many initialisation requests");
            return;
        }
        _initReceived = true;
        if (payload.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            Close(BadRequest, "Invalid message received: connection_init's payload must be an object");
            return;
        }
        var authorization = payload.ValueKind == JsonValueKind.Object
            ? payload.EnumerateObject().FirstOrDefault(p => p.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value
            : default;
        var header = authorization.ValueKind == JsonValueKind.String ? authorization.GetString() : http.Request.Headers.Authorization.ToString();
        if (await server.Tokens.AuthenticateAsync(header, http.RequestAborted) is not { } authenticated)
        {
            Close(Unauthorized, "Unauthorized: connection_init needs {\"Authorization\": \"Bearer <token>\"}");
            return;
        }
        _user = authenticated.Principal;
        Send(new OperationMessage { Type = "connection_ack" });
        // A token's lifetime bounds the connection's, as it bounds what an HTTP client can do with it.
        var lifetime = authenticated.ExpiresAt - server.Time.GetUtcNow().UtcDateTime;
        _tokenExpiry = new CancellationTokenSource(TimeSpan.FromTicks(Math.Clamp(lifetime.Ticks, 0, TimeSpan.FromDays(30).Ticks)), server.Time);
        _tokenExpiry.Token.Register(() => Close(Unauthorized, "Unauthorized: the token expired; reconnect with a new one"));
    }

    private void Subscribe(string? id, JsonElement payload)
    {
        if (_user is not { } user)
        {
            Close(Unauthorized, "Unauthorized: send connection_init first");
            return;
        }
        if (id is null)
        {
            Close(BadRequest, "Invalid message received: subscribe needs an id");
            return;
        }
        GraphQLRequest request;
        try
        {
            request = GraphQLRequestReader.FromElement(payload, server.Serializer);
        }
        catch (InvalidGraphQLRequestException invalid)
        {
            Close(BadRequest, Truncate($"Invalid message received: {invalid.Message}"));
            return;
        }
        Operation? operation = null;
        bool duplicate;
        lock (_gate)
        {
            duplicate = _operations.ContainsKey(id);
            if (!duplicate && _operations.Count < _options.MaxOperationsPerConnection)
            {
                operation = new Operation(id);
                _operations.Add(id, operation);
            }
        }
        if (duplicate)
        {
            Close(SubscriberAlreadyExists, Truncate($"Subscriber for {id} already exists"));
        }
        else if (operation is null)
        {
            server.Metrics.SubscriptionRejections.Add(1, new KeyValuePair<string, object?>("limit", "connection"));
            var full = new ExecutionError($"A connection may have at most {_options.MaxOperationsPerConnection} operations open: complete one first.") { Code = ErrorCodes.RateLimited };
            Send(new OperationMessage { Type = "error", Id = id, Payload = new[] { full } });
        }
        else
        {
            _ = RunOperationAsync(operation, request, user);
        }
    }

    private async Task RunOperationAsync(Operation operation, GraphQLRequest request, ClaimsPrincipal user)
    {
        try
        {
            if (await server.RateLimitAsync(Actor.FromPrincipal(user)!, operation.Cancelled) is { } limited)
            {
                SendErrors(operation, limited);
                End(operation);
                return;
            }
            var flow = new SubscriptionFlow(_options.MaxInFlightEvents);
            ExecutionResult result;
            // A scope per operation, like a request: its DbContext lives as long as the operation, and its
            // caller is resolved with the role the user holds now, not at connection_init.
            await using (var scope = server.Scopes.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                if (await services.GetRequiredService<UserAccounts>().FindActorAsync(Actor.FromPrincipal(user)!.UserId, operation.Cancelled) is not { } actor)
                {
                    Close(Unauthorized, "Unauthorized: the user no longer exists");
                    return;
                }
                services.GetRequiredService<CurrentActor>().Value = actor;
                result = await server.Execution.ExecuteAsync(request, CurrentRole.Apply(user, actor.Role), services, Transport,
                    options => options.UserContext[SubscriptionFlow.UserContextKey] = flow, operation.Cancelled);
            }
            if (result.Streams is { Count: > 0 } streams)
            {
                StartSubscription(operation, user, streams.Values.First(), flow);
                return;
            }
            if (result.Executed)
            {
                SendIfActive(operation, new OperationMessage { Type = "next", Id = operation.Id, Payload = result });
                SendIfActive(operation, new OperationMessage { Type = "complete", Id = operation.Id });
            }
            else
            {
                SendErrors(operation, [.. result.Errors ?? []]);
            }
            End(operation);
        }
        catch (OperationCanceledException) when (operation.Cancelled.IsCancellationRequested)
        {
            End(operation);
        }
        catch (Exception exception)
        {
            LogOperationFailed(server.Logger, exception);
            SendErrors(operation, new ExecutionError(TaskGraphErrorInfoProvider.MaskedMessage) { Code = ErrorCodes.Internal });
            End(operation);
        }
    }

    private void StartSubscription(Operation operation, ClaimsPrincipal user, IObservable<ExecutionResult> stream, SubscriptionFlow flow)
    {
        if (server.Limiter.TryAcquire(Actor.FromPrincipal(user)!.UserId, Transport) is not { } lease)
        {
            SendErrors(operation, new ExecutionError($"You have {server.Limiter.Limit} subscriptions open, the most one user may have: complete one first.") { Code = ErrorCodes.RateLimited });
            End(operation);
            return;
        }
        if (!operation.Start(lease, flow))
        {
            return; // the client completed it meanwhile
        }
        var subscription = stream.Subscribe(new ResultObserver(result => OnResult(operation, result), error => OnEnd(operation, error)));
        if (!operation.Attach(subscription))
        {
            subscription.Dispose();
        }
    }

    private void OnResult(Operation operation, ExecutionResult result)
    {
        if (IsActive(operation) && Send(new OperationMessage { Type = "next", Id = operation.Id, Payload = result }, operation.Flow))
        {
            server.Metrics.SubscriptionEvents.Add(1, new KeyValuePair<string, object?>("transport", Transport));
        }
        else
        {
            operation.Flow?.Sent();
        }
    }

    private void OnEnd(Operation operation, ExecutionError? error)
    {
        if (!IsActive(operation))
        {
            return;
        }
        if (error is not null)
        {
            SendErrors(operation, error);
        }
        else if (operation.Flow?.EndReason == TaskEventStreamEnd.SlowConsumer)
        {
            Close(SlowConsumer, "Slow consumer: events arrived faster than they were read; reconnect with after");
            return;
        }
        else
        {
            SendIfActive(operation, new OperationMessage { Type = "complete", Id = operation.Id });
        }
        End(operation);
    }

    /// <summary>The server is stopping: complete every operation, then close with 1001 (the client may reconnect elsewhere).</summary>
    private void Shutdown()
    {
        foreach (var operation in TakeAllOperations())
        {
            operation.Dispose();
            Send(new OperationMessage { Type = "complete", Id = operation.Id });
        }
        Close(GoingAway, "Server shutting down");
    }

    private void SendErrors(Operation operation, params ExecutionError[] errors) =>
        SendIfActive(operation, new OperationMessage { Type = "error", Id = operation.Id, Payload = errors });

    private void SendIfActive(Operation operation, OperationMessage message)
    {
        if (IsActive(operation))
        {
            Send(message);
        }
    }

    /// <summary>Queues a message; a full queue means the client is not reading: close it as a slow consumer.</summary>
    private bool Send(OperationMessage message, SubscriptionFlow? flow = null)
    {
        if (_close is not null)
        {
            return false;
        }
        var bytes = Encoding.UTF8.GetBytes(server.Serializer.Serialize(message));
        if (_outgoing.Writer.TryWrite(new Outgoing(bytes, flow)))
        {
            return true;
        }
        Close(SlowConsumer, "Slow consumer: too many messages waiting to be sent");
        return false;
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(_sendAbort.Token))
            {
                if (!_discardQueued)
                {
                    await socket.SendAsync(message.Bytes, WebSocketMessageType.Text, endOfMessage: true, _sendAbort.Token);
                }
                message.Flow?.Sent();
            }
            if (_close is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(close.Status, close.Reason, _sendAbort.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client stopped reading or went away: the socket is aborted.
        }
    }

    /// <summary>Starts closing once: what is queued is still sent (except for a slow consumer), then the close frame.</summary>
    private void Close(WebSocketCloseStatus status, string reason, bool byClient = false)
    {
        lock (_gate)
        {
            if (_close is not null || _finished)
            {
                return;
            }
            _close = (status, reason);
        }
        if (!byClient && status is not (Normal or GoingAway))
        {
            server.Metrics.WebSocketCloses.Add(1, new KeyValuePair<string, object?>("code", (int)status));
        }
        _discardQueued = status == SlowConsumer;
        _outgoing.Writer.TryComplete();
        // Neither a client that stops reading nor one that never answers the close may hold the socket.
        _sendAbort.CancelAfter(GraphQLWebSocketHandler.CloseTimeout);
        _receiveAbort.CancelAfter(GraphQLWebSocketHandler.CloseTimeout);
    }

    private bool IsActive(Operation operation)
    {
        lock (_gate)
        {
            return _operations.TryGetValue(operation.Id, out var current) && current == operation;
        }
    }

    private void End(Operation operation) => TakeOperation(operation.Id, operation)?.Dispose();

    private Operation? TakeOperation(string id, Operation? expected)
    {
        lock (_gate)
        {
            if (_operations.TryGetValue(id, out var current) && (expected is null || current == expected))
            {
                _operations.Remove(id);
                return current;
            }
            return null;
        }
    }

    private List<Operation> TakeAllOperations()
    {
        lock (_gate)
        {
            var all = _operations.Values.ToList();
            _operations.Clear();
            return all;
        }
    }

    /// <summary>A close reason is at most 123 bytes.</summary>
    private static string Truncate(string reason) => Encoding.UTF8.GetByteCount(reason) <= 123 ? reason : reason[..60] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL WebSocket connection failed.")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A GraphQL operation over WebSocket failed.")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception);

    private readonly record struct Outgoing(byte[] Bytes, SubscriptionFlow? Flow);

    /// <summary>One operation of the connection: cancelled when it ends; a subscription also holds its stream and its place in the per-user limit.</summary>
    private sealed class Operation(string id) : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly CancellationTokenSource _cancel = new();
        private IDisposable? _subscription;
        private IDisposable? _lease;
        private bool _ended;

        public string Id => id;

        public CancellationToken Cancelled => _cancel.Token;

        public SubscriptionFlow? Flow { get; private set; }

        public bool Start(IDisposable lease, SubscriptionFlow flow)
        {
            lock (_gate)
            {
                if (!_ended)
                {
                    _lease = lease;
                    Flow = flow;
                    return true;
                }
            }
            lease.Dispose();
            return false;
        }

        public bool Attach(IDisposable subscription)
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return false;
                }
                _subscription = subscription;
                return true;
            }
        }

        public void Dispose()
        {
            IDisposable? subscription;
            IDisposable? lease;
            lock (_gate)
            {
                if (_ended)
                {
                    return;
                }
                _ended = true;
                (subscription, lease) = (_subscription, _lease);
            }
            _cancel.Cancel();
            subscription?.Dispose();
            lease?.Dispose();
        }
    }
}
