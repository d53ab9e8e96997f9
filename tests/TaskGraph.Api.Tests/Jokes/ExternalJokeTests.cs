using System.Diagnostics;
using System.Net;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Jokes;

/// <summary>Each test gets its own factory: the circuit breaker's state is per app instance.</summary>
public sealed class ExternalJokeTests : IDisposable
{
    private readonly TaskGraphFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_joke_route_needs_no_auth_and_maps_the_upstream_shape()
    {
        var response = await _factory.CreateClient().GetAsync("/v1/tasks/external-joke");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"id":42,"type":"programming","setup":"Why do programmers prefer dark mode?","punchline":"Because light attracts bugs."}""", body);
    }

    [Fact]
    public async Task The_joke_route_is_not_shadowed_by_the_task_id_route_for_a_signed_in_user()
    {
        var (client, _) = await _factory.CreateUserClientAsync();

        var response = await client.GetAsync("/v1/tasks/external-joke");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(FakeJokeApi.Mode.ServerError)]
    [InlineData(FakeJokeApi.Mode.Garbage)]
    [InlineData(FakeJokeApi.Mode.MissingFields)]
    public async Task Upstream_failures_are_503_problems(FakeJokeApi.Mode mode)
    {
        _factory.Jokes.Current = mode;

        var problem = await (await _factory.CreateClient().GetAsync("/v1/tasks/external-joke")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("The joke service is unavailable right now. Try again later.", problem.Detail);
    }

    [Fact]
    public async Task A_handled_upstream_failure_writes_one_warning_and_the_request_line()
    {
        using var factory = new LoggingTaskGraphFactory();
        factory.Jokes.Current = FakeJokeApi.Mode.ServerError;

        var response = await factory.CreateClient().GetAsync("/v1/tasks/external-joke");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(2, factory.Jokes.Calls); // retried: two attempts, still one line about them
        var requestId = response.Headers.GetValues("X-Request-ID").Single();
        await factory.Logs.RequestLineAsync(requestId);
        var lines = factory.Logs.Entries.Where(e => e.TryGetProperty("request_id", out var id) && id.GetString() == requestId).ToList();
        var failure = Assert.Single(lines, e => e.GetProperty("level").GetString() != "info");
        Assert.Equal("warning", failure.GetProperty("level").GetString());
        Assert.Equal("TaskGraph.Core.Jokes.JokeClient", failure.GetProperty("logger").GetString());
        Assert.Equal(2, lines.Count);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.TryGetProperty("logger", out var logger) && logger.GetString()!.StartsWith("Polly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_is_retried_once()
    {
        _factory.Jokes.Current = FakeJokeApi.Mode.ServerError;

        await _factory.CreateClient().GetAsync("/v1/tasks/external-joke");

        Assert.Equal(2, _factory.Jokes.Calls);
    }

    [Fact]
    public async Task A_hanging_upstream_is_cut_off_at_the_3_second_total_timeout()
    {
        _factory.Jokes.Current = FakeJokeApi.Mode.Slow;
        // The host starts (and migrates a fresh database) before the clock does: under load that alone took seconds.
        var client = _factory.CreateClient();
        var watch = Stopwatch.StartNew();

        var response = await client.GetAsync("/v1/tasks/external-joke");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        // The upstream hangs for 10 s: ending well before that (with room for a loaded CI machine) is the cut-off.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task Repeated_failures_open_the_circuit_so_calls_stop_reaching_the_upstream()
    {
        _factory.Jokes.Current = FakeJokeApi.Mode.ServerError;
        var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.GetAsync("/v1/tasks/external-joke");
        }
        var callsWhenOpen = _factory.Jokes.Calls;

        for (var i = 0; i < 5; i++)
        {
            await (await client.GetAsync("/v1/tasks/external-joke")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        }

        Assert.Equal(callsWhenOpen, _factory.Jokes.Calls);
    }
}
