using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TaskGraph.Api.Observability;

public static class TelemetryExtensions
{
    /// <summary>
    /// Metrics always (Prometheus text at /metrics). Traces (ASP.NET Core, HttpClient, EF Core) only
    /// when an OTLP endpoint is configured with the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<TaskGraphMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("taskgraph-api"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(TaskGraphMetrics.MeterName)
                .AddPrometheusExporter());
        services.ConfigureOpenTelemetryMeterProvider((provider, metrics) =>
        {
            // OpenTelemetry subscribes to meters by name, process-wide: another host in the same process
            // (test factories run side by side) would have its counts added to this one's. Keep only
            // meters made by this container's IMeterFactory, and unscoped (static) ones.
            var own = provider.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument =>
                instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter());
        }
        return services;
    }
}
