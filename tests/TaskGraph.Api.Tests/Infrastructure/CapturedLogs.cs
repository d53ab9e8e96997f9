using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using TaskGraph.Api.Observability;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>Every log event the app writes, formatted exactly as stdout gets it.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly JsonLogFormatter _formatter = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IEnumerable<JsonElement> Entries => Lines.Select(line => JsonDocument.Parse(line).RootElement);

    /// <summary>
    /// The summary line of the request with this id, once written. Lines reach sinks in order on the
    /// logger's background thread, so every line logged before it (that request's own too) is here as well.
    /// </summary>
    public async Task<JsonElement> RequestLineAsync(string requestId) =>
        await EntryAsync(e => e.TryGetProperty("status", out _) && e.TryGetProperty("request_id", out var id) && id.GetString() == requestId);

    /// <summary>The first line matching <paramref name="match"/> after the first <paramref name="skip"/> lines, waiting (generously) for the background writer.</summary>
    public async Task<JsonElement> EntryAsync(Func<JsonElement, bool> match, int skip = 0)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            foreach (var entry in Entries.Skip(skip))
            {
                if (match(entry))
                {
                    return entry;
                }
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        _formatter.Format(logEvent, writer);
        _lines.Enqueue(writer.ToString().TrimEnd('\n'));
    }
}

/// <summary>A factory whose app also writes its logs to <see cref="Logs"/>.</summary>
public sealed class LoggingTaskGraphFactory : TaskGraphFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}
