using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Observability;

public sealed class MetricsTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Metrics_expose_request_counts_by_route_and_status_in_prometheus_format()
    {
        var client = factory.CreateClient();
        await client.GetAsync("/v1/tasks"); // 401
        await client.GetAsync("/v1/tasks/external-joke"); // 200

        var (response, text) = await ScrapeUntilAsync(client, "http_route=\"/v1/tasks/external-joke\"");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="401"[^}]*http_route="/v1/tasks/?"[^}]*\} [1-9]""", text);
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="200"[^}]*http_route="/v1/tasks/external-joke"[^}]*\} [1-9]""", text);
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_app_counts_only_its_own_instruments_when_several_share_a_process()
    {
        using var throttled = new TaskGraphFactory().WithRateLimit(1, 60);
        using var quiet = new TaskGraphFactory();
        var quietClient = quiet.CreateClient();
        var (client, _) = await throttled.CreateUserClientAsync();

        for (var i = 0; i < 3; i++)
        {
            await client.GetAsync("/v1/tasks");
        }

        Assert.Matches("""taskgraph_rate_limit_rejections_total\{[^}]*\} 2\b""", await client.GetStringAsync("/metrics"));
        Assert.DoesNotContain("taskgraph_rate_limit_rejections_total{", await quietClient.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    /// <summary>A request's duration is recorded after its client has the response: scrape until it is in (or give up after 10 s).</summary>
    private static async Task<(HttpResponseMessage Response, string Text)> ScrapeUntilAsync(HttpClient client, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains(expected, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return (response, text);
            }
            await Task.Delay(200);
        }
    }
}
