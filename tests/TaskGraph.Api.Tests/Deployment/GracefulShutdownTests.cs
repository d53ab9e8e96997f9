using System.Net;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Deployment;

/// <summary>The real process, as a container runs it: SIGTERM must let in-flight requests finish.</summary>
public sealed class GracefulShutdownTests : IDisposable
{
    private readonly FakeJokeApi _jokes = new() { Current = FakeJokeApi.Mode.Slow };
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"taskgraph-shutdown-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        _jokes.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_database + suffix);
        }
    }

    [Fact]
    public async Task Sigterm_lets_an_in_flight_request_finish_and_the_process_exit_cleanly()
    {
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SECRET_KEY"] = TaskGraphFactory.TestSecretKey,
            ["DATABASE_URL"] = $"Data Source={_database}",
            ["JOKE_API_URL"] = _jokes.BaseUrl,
        });
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(60));

        // The joke call hangs upstream until the app's 3 s budget runs out; stop the server once it is in flight.
        var inFlight = http.GetAsync("/v1/tasks/external-joke");
        await _jokes.Called.WaitAsync(TimeSpan.FromSeconds(30));
        await api.TerminateAsync();

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // answered, not cut off
        Assert.Equal(0, await api.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Log_lines_still_queued_at_sigterm_are_all_written_before_the_process_exits()
    {
        using var api = ApiProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SECRET_KEY"] = TaskGraphFactory.TestSecretKey,
            ["DATABASE_URL"] = $"Data Source={_database}",
            ["RATE_LIMIT"] = "100000",
        }, holdOutput: true);
        using var http = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await api.WaitUntilReadyAsync(http, TimeSpan.FromSeconds(60));
        var ids = Enumerable.Range(0, 400).Select(i => $"queued-{i}").ToList();

        // Nobody reads stdout yet: once the pipe's 64 KiB are full the log writer blocks, and the request
        // lines that follow wait in the logger's queue.
        foreach (var id in ids)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
            request.Headers.Add("X-Request-ID", id);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }
        await api.TerminateAsync();
        api.ReadOutput();

        Assert.Equal(0, await api.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = string.Join('\n', api.StandardOutput);
        Assert.All(ids, id => Assert.Contains($"\"request_id\":\"{id}\"", output, StringComparison.Ordinal));
    }
}
