using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.GraphQL;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Data;

/// <summary>
/// The database goes away under a running app and comes back: requests that need it are a quick 503
/// (GraphQL: SERVICE_UNAVAILABLE) with Retry-After, liveness stays up, readiness is 503, and service
/// resumes without a restart. On PostgreSQL a server of the test's own is stopped and started; on
/// SQLite the file goes away (as with a lost volume) and comes back.
/// </summary>
public sealed class DatabaseOutageTests
{
    // Generous for a loaded 2-core machine: the failure this guards against is a request hanging until a timeout.
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task While_the_database_is_down_requests_are_a_quick_503_and_service_resumes_when_it_is_back()
    {
        await using var outage = await Outage.CreateAsync();
        using var factory = new TaskGraphFactory(outage.Database);
        var alice = await factory.CreateUserClientAsync("outage_alice", "password-123");
        var anonymous = factory.CreateClient();

        await outage.StopAsync();
        try
        {
            var list = await TimedAsync(() => alice.Client.GetAsync("/v1/tasks"));
            var login = await TimedAsync(() => anonymous.PostAsJsonAsync("/v1/auth/login", new { username = "outage_alice", password = "password-123" }));
            var me = await TimedAsync(() => alice.Client.PostAsJsonAsync("/graphql", new { query = "{ me { id } }" }));
            var graphQLLogin = await TimedAsync(() => anonymous.PostAsJsonAsync("/graphql", new { query = "mutation { login(input: {username: \"outage_alice\", password: \"password-123\"}) { accessToken } }" }));

            foreach (var rest in new[] { list, login })
            {
                var problem = await rest.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Contains("database", problem.Detail, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(TimeSpan.FromSeconds(5), rest.Headers.RetryAfter?.Delta);
            }
            await GraphQLHttpTests.AssertErrorAsync(me, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, graphQLLogin.StatusCode);
            Assert.Contains("SERVICE_UNAVAILABLE", await graphQLLogin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.All(new[] { me, graphQLLogin }, response => Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await outage.StartAsync();
        }

        // No restart: the next requests find the database again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await alice.Client.GetAsync("/v1/tasks")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The API did not recover within 30 s of the database coming back.");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal("outage_alice", (await alice.Client.QueryAsync("{ me { username } }")).GetProperty("me").GetProperty("username").GetString());
    }

    private static async Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        Assert.True(clock.Elapsed < Quick, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} after {clock.Elapsed}");
        return response;
    }

    /// <summary>A database the test can take away and bring back.</summary>
    private sealed class Outage : IAsyncDisposable
    {
        private readonly PostgresServer? _server;

        private Outage(TestDatabase database, PostgresServer? server)
        {
            Database = database;
            _server = server;
        }

        public TestDatabase Database { get; }

        public static async Task<Outage> CreateAsync()
        {
            if (!TestDatabase.IsPostgres)
            {
                return new Outage(new SqliteTestDatabase(), null);
            }
            var server = await PostgresServer.CreateAsync();
            return new Outage(new PostgresTestDatabase(server.AdminConnectionString), server);
        }

        public Task StopAsync()
        {
            if (_server is null)
            {
                ((SqliteTestDatabase)Database).TakeAway();
                return Task.CompletedTask;
            }
            return _server.StopAsync();
        }

        public Task StartAsync()
        {
            if (_server is null)
            {
                ((SqliteTestDatabase)Database).BringBack();
                return Task.CompletedTask;
            }
            return _server.StartAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
