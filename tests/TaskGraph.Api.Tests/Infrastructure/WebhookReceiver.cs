using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on a loopback port that receives webhook deliveries: it records each request
/// and answers with the next status of its script (200 once the script is used up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A scripted "status" that never answers: the request hangs until the client gives up.</summary>
    public const int NoAnswer = -1;

    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentBag<ReceivedWebhook> _all = [];

    public WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/{**path}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var received = new ReceivedWebhook(
                http.Request.Path,
                http.Request.Headers["webhook-id"].ToString(),
                http.Request.Headers["webhook-timestamp"].ToString(),
                http.Request.Headers["webhook-signature"].ToString(),
                http.Request.ContentType,
                await reader.ReadToEndAsync());
            _all.Add(received);
            await _received.Writer.WriteAsync(received);
            var status = _statuses.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
            if (status == NoAnswer)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            http.Response.StatusCode = status;
            if (status is >= 300 and < 400)
            {
                http.Response.Headers.Location = "/redirected";
            }
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(_app.Urls.First());
    }

    /// <summary>Where it listens: http://127.0.0.1:{port}/.</summary>
    public Uri Url { get; }

    public int Port => Url.Port;

    /// <summary>Everything received so far.</summary>
    public IReadOnlyCollection<ReceivedWebhook> All => _all;

    /// <summary>The next requests are answered with these statuses, in order.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public async Task<ReceivedWebhook> NextAsync(TimeSpan? timeout = null) =>
        await _received.Reader.ReadAsync(new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30)).Token);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedWebhook(string Path, string Id, string Timestamp, string Signature, string? ContentType, string Body)
{
    /// <summary>
    /// Verifies the request as a Standard Webhooks receiver would, written from the specification
    /// (not with the server's code): HMAC-SHA256 of <c>id.timestamp.body</c> with the base64-decoded
    /// part of the secret after <c>whsec_</c>, compared in constant time with each <c>v1,</c> signature.
    /// </summary>
    public bool VerifiesWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}"));
        return Signature.Split(' ').Any(candidate => candidate.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(candidate[3..]), expected));
    }
}
