using Serilog;
using Serilog.Core;
using Serilog.Events;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.Observability;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to stdout as JSON lines. Sinks registered in DI (tests capture logs that way) are
    /// added too. Nothing here logs bodies or headers, so passwords and tokens never reach the log.
    /// Lines are formatted and written on a background thread, off the requests' path; a full buffer
    /// makes callers wait instead of dropping lines, and disposing the logger at shutdown drains it.
    /// </summary>
    public static IServiceCollection AddJsonLogging(this IServiceCollection services) =>
        // preserveStaticLogger: the app's logger lives in DI only, so hosts in one process (tests) stay apart.
        services.AddSerilog(preserveStaticLogger: true, configureLogger: (provider, logger) => logger
            .ReadFrom.Configuration(provider.GetRequiredService<IConfiguration>())
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("ZiggyCreatures.Caching.Fusion", LogEventLevel.Warning)
            // Hangfire narrates every server start and clean-up pass; failed jobs and retries are warnings.
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            // It logs, then rethrows, exceptions thrown in its events; the exception middleware logs them once.
            .MinimumLevel.Override("Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler", LogEventLevel.Fatal)
            .Enrich.FromLogContext()
            .WriteTo.Async(
                sinks =>
                {
                    sinks.Console(new JsonLogFormatter());
                    foreach (var sink in provider.GetServices<ILogEventSink>())
                    {
                        sinks.Sink(sink);
                    }
                },
                bufferSize: LogBufferSize,
                blockWhenFull: true));

    /// <summary>Log events waiting for the writer thread; about a second of our busiest request logging.</summary>
    private const int LogBufferSize = 10_000;

    /// <summary>Request id first (every later log line carries it), then one summary line per request.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestIdMiddleware>()
            .UseSerilogRequestLogging(options =>
            {
                options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
                options.MessageTemplate = "{RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms";
                options.EnrichDiagnosticContext = (diagnostics, http) =>
                    diagnostics.Set("user_id", http.RequestServices.GetRequiredService<CurrentActor>().Value?.UserId);
                // Health probes hit every few seconds; keep them out of the info stream. Only a 500 is an
                // error here: a handled failure (a 503 for an unavailable upstream) was logged once where it happened.
                options.GetLevel = (http, _, exception) =>
                    exception is not null || http.Response.StatusCode == StatusCodes.Status500InternalServerError ? LogEventLevel.Error
                    : http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments("/metrics") ? LogEventLevel.Debug
                    : LogEventLevel.Information;
            });
}
