using System.Text;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TaskGraph.Api.Observability;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Events;
using TaskGraph.Schema;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>
/// GraphQL over Server-Sent Events, distinct connections mode (the graphql-sse protocol): a POST to
/// <c>/graphql</c> with <c>Accept: text/event-stream</c> and the usual bearer header is answered with
/// an event stream of <c>next</c> events (one per result; request errors too, as the protocol asks)
/// and a final <c>complete</c>. A subscription streams until the client disconnects; results are
/// written from a bounded queue, as over the WebSocket.
/// </summary>
public sealed class GraphQLSseHandler(
    GraphQLExecution execution,
    SubscriptionLimiter limiter,
    IOptions<SubscriptionOptions> options,
    IGraphQLTextSerializer serializer,
    TaskGraphMetrics metrics,
    IHostApplicationLifetime lifetime)
{
    public const string MediaType = "text/event-stream";
    private const string Transport = "sse";

    private static readonly byte[] KeepAlive = ":\n\n"u8.ToArray();
    private static readonly byte[] Complete = "event: complete\ndata:\n\n"u8.ToArray();

    /// <summary>A POST whose Accept names text/event-stream (with a q above 0).</summary>
    public static bool IsRequested(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(range => range.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase) && (range.Quality ?? 1) > 0);

    public async Task HandleAsync(HttpContext context, GraphQLRequest request)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = MediaType + "; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // proxies such as nginx: pass events on as they come
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        // Headers out now: a client waits for them before it reads any event.
        await response.Body.FlushAsync(context.RequestAborted);

        var flow = new SubscriptionFlow(options.Value.MaxInFlightEvents);
        var result = await execution.ExecuteAsync(request, context.User, context.RequestServices, Transport,
            configure => configure.UserContext[SubscriptionFlow.UserContextKey] = flow, context.RequestAborted);
        if (result.Streams is not { Count: > 0 } streams)
        {
            await WriteAsync(response, Next(result), context.RequestAborted);
            await WriteAsync(response, Complete, context.RequestAborted);
            return;
        }
        using var lease = limiter.TryAcquire(context.RequestServices.GetRequiredService<CurrentActor>().Required.UserId, Transport);
        if (lease is null)
        {
            var error = new ExecutionError($"You have {limiter.Limit} subscriptions open, the most one user may have: close one first.") { Code = ErrorCodes.RateLimited };
            await WriteAsync(response, Next(new ExecutionResult { Errors = [error] }), context.RequestAborted);
            await WriteAsync(response, Complete, context.RequestAborted);
            return;
        }
        await StreamAsync(context, streams.Values.First(), flow);
    }

    private async Task StreamAsync(HttpContext context, IObservable<ExecutionResult> stream, SubscriptionFlow flow)
    {
        var outgoing = Channel.CreateBounded<(byte[] Bytes, SubscriptionFlow? Flow)>(new BoundedChannelOptions(options.Value.SendQueueLength) { SingleReader = true });
        var slowConsumer = false;
        using var subscription = stream.Subscribe(new ResultObserver(
            result =>
            {
                if (!outgoing.Writer.TryWrite((Next(result), flow)))
                {
                    slowConsumer = true;
                    outgoing.Writer.TryComplete();
                }
            },
            error =>
            {
                if (error is not null)
                {
                    outgoing.Writer.TryWrite((Next(new ExecutionResult { Errors = [error] }), null));
                }
                outgoing.Writer.TryComplete();
            }));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var keepAlive = KeepAliveAsync(outgoing.Writer, stop.Token);
        try
        {
            await foreach (var (bytes, sentFlow) in outgoing.Reader.ReadAllAsync(stop.Token))
            {
                await WriteAsync(context.Response, bytes, stop.Token);
                sentFlow?.Sent();
                if (sentFlow is not null)
                {
                    metrics.SubscriptionEvents.Add(1, new KeyValuePair<string, object?>("transport", Transport));
                }
            }
            if (slowConsumer || flow.EndReason == TaskEventStreamEnd.SlowConsumer)
            {
                // No complete: the client should reconnect with after: and pick up where it was.
                await WriteAsync(context.Response, "event: error\ndata: slow consumer: events arrived faster than they were read; reconnect with after\n\n"u8.ToArray(), context.RequestAborted);
                return;
            }
            await WriteAsync(context.Response, Complete, context.RequestAborted);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            // The server is stopping: the subscription ends cleanly rather than being cut off.
            await WriteAsync(context.Response, Complete, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected: that is how a client ends a subscription over SSE.
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
        }
    }

    /// <summary>An SSE comment now and then keeps proxies from timing out an idle stream.</summary>
    private async Task KeepAliveAsync(ChannelWriter<(byte[], SubscriptionFlow?)> writer, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.KeepAliveSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                writer.TryWrite((KeepAlive, null));
            }
        }
        catch (OperationCanceledException)
        {
            // the stream ended
        }
    }

    private byte[] Next(ExecutionResult result) => Encoding.UTF8.GetBytes($"event: next\ndata: {serializer.Serialize(result)}\n\n");

    private static async Task WriteAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(bytes, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
