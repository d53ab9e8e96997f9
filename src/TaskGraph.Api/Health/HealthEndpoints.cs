using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TaskGraph.Api.Health;

/// <summary>
/// <c>/health</c> liveness (touches nothing), <c>/health/ready</c> for load balancers,
/// <c>/health/detailed</c> for people: each dependency with its status and duration.
/// Degraded (e.g. Redis down, requests still served) is 200; only unhealthy is 503.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>From the process's start as the OS records it, not from this class's first use.</summary>
    private static readonly DateTime ProcessStartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").ExcludeFromDescription();
        health.MapHealthChecks("", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync });
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatusAsync });
        health.MapHealthChecks("/detailed", new HealthCheckOptions { ResponseWriter = WriteDetailedAsync });
        return app;
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };

    private static Task WriteStatusAsync(HttpContext http, HealthReport report) =>
        WriteAsync(http, new Dictionary<string, object?> { ["status"] = Name(report.Status) });

    private static Task WriteDetailedAsync(HttpContext http, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry =>
            {
                var check = new Dictionary<string, object?>
                {
                    ["status"] = Name(entry.Value.Status),
                    ["duration_ms"] = Math.Round(entry.Value.Duration.TotalMilliseconds, 2),
                };
                if (entry.Value.Status != HealthStatus.Healthy)
                {
                    // The check's own description, never exception text (it can carry connection details).
                    check["error"] = entry.Value.Description ?? $"{entry.Key} check failed";
                }
                foreach (var (key, value) in entry.Value.Data)
                {
                    check[key] = value;
                }
                return check;
            });
        return WriteAsync(http, new Dictionary<string, object?>
        {
            ["status"] = Name(report.Status),
            ["checks"] = checks,
            ["version"] = Version,
            ["uptime_seconds"] = (long)(DateTime.UtcNow - ProcessStartedAt).TotalSeconds,
        });
    }

    private static Task WriteAsync(HttpContext http, Dictionary<string, object?> body)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
