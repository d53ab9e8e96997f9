using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Configuration;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.Tests.Configuration;

public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData(null, "SECRET_KEY is not set")]
    [InlineData("too-short-key", "SECRET_KEY is 13 bytes")]
    [InlineData(AuthOptions.DevelopmentKey, "development key")]
    public void Start_up_fails_outside_development_without_a_proper_key(string? key, string message)
    {
        using var factory = new TaskGraphFactory { EnvironmentName = "Production" };
        factory.Settings["Auth:SecretKey"] = key;

        var error = factory.StartupError();

        Assert.NotNull(error);
        Assert.Contains(message, Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_starts_with_the_built_in_key_when_none_is_set()
    {
        using var factory = new TaskGraphFactory { EnvironmentName = "Development" };
        factory.Settings["Auth:SecretKey"] = null;

        var admin = await factory.CreateAdminClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Access_token_minutes_sets_expires_in()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["Auth:AccessTokenMinutes"] = "5";

        var response = await factory.CreateClient().PostAsJsonAsync("/v1/auth/login", new { username = TaskGraphFactory.AdminUsername, password = TaskGraphFactory.AdminPassword });

        Assert.Equal(300, (await response.ReadAsync<TokenDto>()).ExpiresIn);
    }

    [Fact]
    public void The_defaults_match_the_contract()
    {
        var auth = new AuthOptions();
        Assert.True(auth.BcryptWorkFactor >= 11);
        Assert.Equal(60, auth.AccessTokenMinutes);
        Assert.InRange(auth.ClockSkewSeconds, 1, 60);
        Assert.Equal("Data Source=taskgraph.db", new TaskGraph.Core.Data.DatabaseOptions().Url);
        Assert.Equal("https://official-joke-api.appspot.com", new TaskGraph.Core.Jokes.JokeOptions().BaseUrl);
        Assert.Equal(3, new TaskGraph.Core.Jokes.JokeOptions().TimeoutSeconds);
    }

    [Fact]
    public void Contract_environment_variables_win_over_other_sources()
    {
        Environment.SetEnvironmentVariable("JOKE_API_URL", "http://127.0.0.1:9/jokes");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Jokes:BaseUrl"] = "http://from-appsettings" })
                .AddContractEnvironmentVariables()
                .Build();

            Assert.Equal("http://127.0.0.1:9/jokes", configuration["Jokes:BaseUrl"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("JOKE_API_URL", null);
        }
    }

    [Fact]
    public void Every_contract_variable_is_mapped()
    {
        Assert.Equal(
            ["ACCESS_TOKEN_MINUTES", "ADMIN_PASSWORD", "ADMIN_USERNAME", "DATABASE_URL", "GRAPHQL_COST_LIMIT", "GRAPHQL_MAX_COST", "JOKE_API_URL", "RATE_LIMIT", "RATE_PERIOD", "REDIS_URL", "REMINDER_LEAD_MINUTES", "SECRET_KEY", "SMTP_FROM", "SMTP_URL", "WEBHOOK_ALLOW_PRIVATE"],
            ContractEnvironmentVariables.Aliases.Keys.Order());
    }

    [SqliteOnlyFact("a file path and SQLite's journal mode")]
    public async Task A_bare_file_path_works_as_database_url_and_wal_is_on()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["Database:Url"] = factory.DatabasePath;

        var admin = await factory.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/auth/me")).StatusCode);

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        _ = factory.Services.GetRequiredService<IOptions<AuthOptions>>();
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException));
}
