namespace TaskGraph.Api.Observability;

public static class MetricsEndpoints
{
    /// <summary>Prometheus text at <c>/metrics</c>.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
