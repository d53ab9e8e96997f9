using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// The real app over a real database of its own (concurrent requests need real connections, not
/// one shared in-memory connection): a SQLite file, or a throwaway PostgreSQL database when
/// TASKGRAPH_TEST_POSTGRES is set (see <see cref="TestDatabase"/>); a local fake joke upstream instead of the internet.
/// </summary>
public class TaskGraphFactory : WebApplicationFactory<Program>
{
    public const string AdminUsername = "root-admin";
    public const string AdminPassword = "admin-password-1";
    public const string TestSecretKey = "test-signing-key-that-is-at-least-32-bytes-long";

    private readonly TestDatabase _database;

    public TaskGraphFactory()
        : this(null)
    {
    }

    /// <param name="database">The database to run on (the factory disposes it); null for a fresh one of the suite's provider.</param>
    internal TaskGraphFactory(TestDatabase? database)
    {
        _database = database ?? TestDatabase.Create();
        Settings = new Dictionary<string, string?>
        {
            ["Database:Url"] = _database.Url,
            ["Auth:SecretKey"] = TestSecretKey,
            ["Auth:BcryptWorkFactor"] = "4", // bcrypt's minimum: keeps hundreds of logins fast
            ["Admin:Username"] = AdminUsername,
            ["Admin:Password"] = AdminPassword,
            ["Jokes:BaseUrl"] = Jokes.BaseUrl,
            // Limits high enough never to matter, so the suite is not throttled; rate limiting tests lower them.
            ["RateLimiting:Limit"] = "100000",
            ["RateLimiting:Auth:Limit"] = "100000",
            ["GraphQL:CostLimit"] = "100000000",
            // Background jobs are picked up in a tenth of a second, not Hangfire's 15 s.
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:PollIntervalMilliseconds"] = "100",
            ["Jobs:SchedulePollIntervalMilliseconds"] = "100",
        };
    }

    public FakeJokeApi Jokes { get; } = new();

    /// <summary>The SQLite file (SQLite runs only; the PostgreSQL run skips the tests that need it).</summary>
    public string DatabasePath => _database is SqliteTestDatabase sqlite
        ? sqlite.Path
        : throw new InvalidOperationException("This factory runs on PostgreSQL: there is no database file.");

    /// <summary>Configuration the app starts with; change it before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; }

    public string EnvironmentName { get; set; } = "Testing";

    /// <summary>Service changes applied after the app's own registrations (e.g. to leave out a component).</summary>
    public Action<IServiceCollection>? OverrideServices { get; set; }

    /// <summary>
    /// The address of the real server after <see cref="WithKestrel"/>: for clients that open their own
    /// connections (ClientWebSocket, node), which the in-memory test server cannot accept.
    /// </summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)));
        }
    }

    /// <summary>Serves on a free loopback port with Kestrel instead of the in-memory test server; call before the first client.</summary>
    public TaskGraphFactory WithKestrel()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRemoteAddress>());
        if (OverrideServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }

    /// <summary>Registers a fresh user and returns a client that sends their token.</summary>
    public async Task<UserClient> CreateUserClientAsync(string? username = null, string password = "password-123")
    {
        username ??= $"user_{Guid.NewGuid():N}"[..20];
        var client = CreateClient();
        var register = await client.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password });
        register.EnsureSuccessStatusCode();
        var user = (await register.Content.ReadFromJsonAsync<UserDto>())!;
        var token = await LoginAsync(client, username, password);
        return new UserClient(client, user, token);
    }

    public async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = CreateClient();
        await LoginAsync(client, AdminUsername, AdminPassword);
        return client;
    }

    public static async Task<string> LoginAsync(HttpClient client, string username, string password)
    {
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenDto>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return token;
    }

    /// <summary>
    /// What start-up validation says of this configuration, or null when it passes. With a bad setting
    /// Program prints one line and exits 1 before starting the host (ConfigurationErrorTests runs that for real).
    /// </summary>
    public Exception? StartupError() => Record.Exception(() => Services.GetRequiredService<IStartupValidator>().Validate());

    /// <summary>Makes the database unusable under the running app (see <see cref="TestDatabase.Break"/>).</summary>
    public void BreakDatabase() => _database.Break();

    /// <summary>The database the app runs on.</summary>
    public TestDatabase Database => _database;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Jokes.Dispose();
            _database.Dispose();
        }
    }
}

/// <summary>A signed-in user: a client sending their token, who they are, and the token itself (for WebSocket and SSE clients).</summary>
public sealed record UserClient(HttpClient Client, UserDto User, string Token)
{
    public void Deconstruct(out HttpClient client, out UserDto user) => (client, user) = (Client, User);
}
