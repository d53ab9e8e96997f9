using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// GraphQL over Server-Sent Events as a client sends it: POST /graphql with Accept: text/event-stream,
/// read the events (<c>next</c>, <c>complete</c>) as they arrive. A background loop parses the stream.
/// </summary>
public sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Channel<(string Event, string Data)> _events = Channel.CreateUnbounded<(string, string)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private SseClient(HttpResponseMessage response)
    {
        _response = response;
        _reader = ReadAsync();
    }

    public HttpResponseMessage Response => _response;

    public static async Task<SseClient> PostAsync(HttpClient client, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseClient(response);
    }

    /// <summary>The next event, or null when the stream ended.</summary>
    public async Task<(string Event, JsonElement? Data)?> ReadEventAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? GraphQLWebSocketClient.DefaultTimeout);
        try
        {
            if (!await _events.Reader.WaitToReadAsync(cancel.Token) || !_events.Reader.TryRead(out var item))
            {
                return null;
            }
            return (item.Event, item.Data.Length == 0 ? null : JsonDocument.Parse(item.Data).RootElement.Clone());
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No event in time.");
        }
    }

    /// <summary>The data of the next event, which must be <c>next</c>.</summary>
    public async Task<JsonElement> NextAsync()
    {
        var item = await ReadEventAsync();
        Assert.True(item is ("next", { }), $"Expected a next event, got {item}");
        return item!.Value.Data!.Value;
    }

    /// <summary>The taskChanged event of the next <c>next</c> event.</summary>
    public async Task<JsonElement> NextEventAsync()
    {
        var next = await NextAsync();
        Assert.False(next.TryGetProperty("errors", out var errors), $"Unexpected errors: {errors}");
        return next.GetProperty("data").GetProperty("taskChanged");
    }

    /// <summary>Asserts a <c>complete</c> event and then the end of the stream.</summary>
    public async Task ExpectCompleteAsync()
    {
        var item = await ReadEventAsync();
        Assert.True(item is ("complete", _), $"Expected complete, got {item}");
        Assert.Null(await ReadEventAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader;
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            using var stream = await _response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string? name = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name is not null)
                    {
                        _events.Writer.TryWrite((name, data.ToString()));
                    }
                    (name, data) = (null, new StringBuilder());
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    name = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line[5..].TrimStart());
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // disposed, or the server went away
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}
