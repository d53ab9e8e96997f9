using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "TaskGraph.Api.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["SECRET_KEY"] = TaskGraphFactory.TestSecretKey;
        start.Environment["DATABASE_URL"] = $"Data Source={_database}";
        start.Environment["JOKE_API_URL"] = _jokes.BaseUrl;
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await WaitUntilReadyAsync(http);

            // The joke call takes the full 3 s timeout; stop the server while it is in flight.
            var inFlight = http.GetAsync("/v1/tasks/external-joke");
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            var response = await inFlight;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // answered, not cut off
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("The API did not become ready within 30 s.");
    }
}
