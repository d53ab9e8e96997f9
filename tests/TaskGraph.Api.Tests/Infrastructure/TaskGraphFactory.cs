using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file of its own (concurrent requests need real connections, not
/// one shared in-memory connection), with a local fake joke upstream instead of the internet.
/// </summary>
public class TaskGraphFactory : WebApplicationFactory<Program>
{
    public const string AdminUsername = "root-admin";
    public const string AdminPassword = "admin-password-1";
    public const string TestSecretKey = "test-signing-key-that-is-at-least-32-bytes-long";

    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"taskgraph-test-{Guid.NewGuid():N}.db");

    public TaskGraphFactory()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Database:Url"] = $"Data Source={_databasePath}",
            ["Auth:SecretKey"] = TestSecretKey,
            ["Auth:BcryptWorkFactor"] = "4", // bcrypt's minimum: keeps hundreds of logins fast
            ["Admin:Username"] = AdminUsername,
            ["Admin:Password"] = AdminPassword,
            ["Jokes:BaseUrl"] = Jokes.BaseUrl,
            // Limits high enough never to matter, so the suite is not throttled; rate limiting tests lower them.
            ["RateLimiting:Limit"] = "100000",
            ["RateLimiting:Auth:Limit"] = "100000",
        };
    }

    public FakeJokeApi Jokes { get; } = new();

    public string DatabasePath => _databasePath;

    /// <summary>Configuration the app starts with; change it before the first client is created.</summary>
    public Dictionary<string, string?> Settings { get; }

    public string EnvironmentName { get; set; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(Settings));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRemoteAddress>());
    }

    /// <summary>Registers a fresh user and returns a client that sends their token.</summary>
    public async Task<UserClient> CreateUserClientAsync(string? username = null, string password = "password-123")
    {
        username ??= $"user_{Guid.NewGuid():N}"[..20];
        var client = CreateClient();
        var register = await client.PostAsJsonAsync("/v1/auth/register", new { username, email = $"{username}@example.com", password });
        register.EnsureSuccessStatusCode();
        var user = (await register.Content.ReadFromJsonAsync<UserDto>())!;
        await LoginAsync(client, username, password);
        return new UserClient(client, user);
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

    /// <summary>Makes the SQLite database unopenable under the running app: the file becomes a directory.</summary>
    public void BreakDatabase()
    {
        SqliteConnection.ClearAllPools();
        DeleteDatabaseFiles();
        Directory.CreateDirectory(_databasePath);
    }

    private void DeleteDatabaseFiles()
    {
        if (Directory.Exists(_databasePath))
        {
            Directory.Delete(_databasePath);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Jokes.Dispose();
            // Pooled connections keep the file open; drop idle ones so the files really go away
            // (harmless to other factories: their connections simply reopen).
            SqliteConnection.ClearAllPools();
            DeleteDatabaseFiles();
        }
    }
}

public sealed record UserClient(HttpClient Client, UserDto User);
