using System.Net;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Errors;

public sealed class ServerErrorTests : IDisposable
{
    private readonly LoggingTaskGraphFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_500_is_a_masked_problem_and_the_exception_is_logged_once_with_the_request_id()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        _factory.Database.DropTasksTable();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
        request.Headers.Add("X-Request-ID", "boom-1");

        var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("boom-1", problem.RequestId);
        Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Postgres", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        await _factory.Logs.RequestLineAsync("boom-1");
        var errors = _factory.Logs.Entries.Where(e => e.GetProperty("level").GetString() == "error" && e.TryGetProperty("exception", out _)).ToList();
        var logged = Assert.Single(errors);
        Assert.Equal("boom-1", logged.GetProperty("request_id").GetString());
        Assert.Contains(TestDatabase.ProviderExceptionName, logged.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }
}
