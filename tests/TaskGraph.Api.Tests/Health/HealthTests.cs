using System.Net;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Health;

public sealed class HealthTests : IDisposable
{
    private readonly TaskGraphFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Liveness_is_healthy_and_touches_nothing()
    {
        var (status, body) = await GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"status":"healthy"}""", body.GetRawText());
    }

    [Fact]
    public async Task Detailed_reports_each_dependency_with_duration_version_and_uptime()
    {
        var (status, body) = await GetAsync("/health/detailed");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        var database = body.GetProperty("checks").GetProperty("database");
        Assert.Equal("healthy", database.GetProperty("status").GetString());
        Assert.True(database.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.True(body.GetProperty("uptime_seconds").GetInt64() >= 0);
    }

    [Fact]
    public async Task Uptime_counts_from_the_process_start_not_from_the_first_health_call()
    {
        // This test process started before any app or health call in it: the uptime must cover its whole age.
        var processAge = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;

        var (_, body) = await GetAsync("/health/detailed");

        Assert.True(body.GetProperty("uptime_seconds").GetInt64() >= (long)processAge.TotalSeconds,
            $"uptime {body.GetProperty("uptime_seconds")} s, process age {processAge.TotalSeconds:0} s");
    }

    [Fact]
    public async Task An_unreachable_database_is_unhealthy_503_but_liveness_stays_up()
    {
        await GetAsync("/health/ready");
        _factory.BreakDatabase();

        var (readyStatus, ready) = await GetAsync("/health/ready");
        var (detailedStatus, detailed) = await GetAsync("/health/detailed");
        var (liveStatus, _) = await GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("unhealthy", ready.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, detailedStatus);
        var database = detailed.GetProperty("checks").GetProperty("database");
        Assert.Equal("unhealthy", database.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(database.GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.OK, liveStatus);
    }
}
