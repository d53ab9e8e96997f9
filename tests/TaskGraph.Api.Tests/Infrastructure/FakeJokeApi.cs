using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>A real HTTP server on a loopback port standing in for the joke API; its behaviour is switchable.</summary>
public sealed class FakeJokeApi : IDisposable
{
    public enum Mode { Ok, ServerError, Garbage, Slow, MissingFields }

    private readonly WebApplication _app;
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public FakeJokeApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/random_joke", async (HttpContext http) =>
        {
            Interlocked.Increment(ref _calls);
            _called.TrySetResult();
            switch (Current)
            {
                case Mode.ServerError:
                    http.Response.StatusCode = 500;
                    break;
                case Mode.Garbage:
                    http.Response.ContentType = "application/json";
                    await http.Response.WriteAsync("<html>not json");
                    break;
                case Mode.MissingFields:
                    await http.Response.WriteAsJsonAsync(new { id = 1, type = "general" });
                    break;
                case Mode.Slow:
                    await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted);
                    break;
                default:
                    await http.Response.WriteAsJsonAsync(new { id = 42, type = "programming", setup = "Why do programmers prefer dark mode?", punchline = "Because light attracts bugs." });
                    break;
            }
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Urls.First();
    }

    public string BaseUrl { get; }

    public Mode Current { get; set; } = Mode.Ok;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Completes when the first request arrives (a request is then in flight in the app).</summary>
    public Task Called => _called.Task;

    public void Dispose() => _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
