using Npgsql;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Tests.Configuration;

public sealed class DatabaseUrlTests
{
    [Fact]
    public void A_postgres_url_becomes_an_npgsql_connection_string_with_decoded_credentials()
    {
        var connection = DatabaseConnection.Parse("postgres://task%40graph:p%40ss%3Aw%2Frd@db.example.com:6543/task%20graph");

        Assert.Equal(DatabaseProvider.Postgres, connection.Provider);
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("task@graph", builder.Username);
        Assert.Equal("p@ss:w/rd", builder.Password);
        Assert.Equal("task graph", builder.Database);
    }

    [Theory]
    [InlineData("postgresql://u@localhost/taskgraph", "localhost", 5432)]
    [InlineData("POSTGRES://u@10.0.0.5/taskgraph", "10.0.0.5", 5432)]
    [InlineData("postgres://u@[::1]:5433/taskgraph", "::1", 5433)]
    public void Both_schemes_default_the_port_and_accept_ipv6(string url, string host, int port)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.Parse(url).ConnectionString);

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal("u", builder.Username);
        Assert.Null(builder.Password);
        Assert.Equal("taskgraph", builder.Database);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("require", SslMode.Require)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    public void Sslmode_takes_libpq_spellings(string mode, SslMode expected)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.Parse($"postgres://u:p@h/db?sslmode={mode}").ConnectionString);

        Assert.Equal(expected, builder.SslMode);
    }

    [Fact]
    public void Other_libpq_and_npgsql_query_parameters_are_honoured()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.Parse(
            "postgres://u:p@h/db?application_name=task%20graph&connect_timeout=7&Maximum%20Pool%20Size=42").ConnectionString);

        Assert.Equal("task graph", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
        Assert.Equal(42, builder.MaxPoolSize);
    }

    [Theory]
    [InlineData("sslrootcert=/certs/root.crt", "Root Certificate", "/certs/root.crt")]
    [InlineData("sslcert=/certs/client.crt", "SSL Certificate", "/certs/client.crt")]
    [InlineData("sslkey=/certs/client.key", "SSL Key", "/certs/client.key")]
    [InlineData("sslpassword=k", "SSL Password", "k")]
    [InlineData("options=-c%20statement_timeout%3D5000", "Options", "-c statement_timeout=5000")]
    [InlineData("target_session_attrs=read-write", "Target Session Attributes", "read-write")]
    [InlineData("search_path=tasks", "Search Path", "tasks")]
    public void Every_mapped_libpq_parameter_reaches_its_npgsql_keyword(string query, string keyword, string value)
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseConnection.Parse($"postgres://u:p@h/db?{query}").ConnectionString);

        Assert.Equal(value, builder[keyword]?.ToString());
    }

    [Theory]
    [InlineData("postgres://u:secret-pw@h/db?sslmode=sometimes", "sslmode")]
    [InlineData("postgres://u:secret-pw@h/db?no_such_thing=1", "no_such_thing")]
    [InlineData("postgres://u:secret-pw@/db", "postgres://")]
    [InlineData("mysql://u:secret-pw@h/db", "unsupported scheme")]
    [InlineData("Host=h;Password=secret-pw;Bogus Keyword=1", "PostgreSQL connection string")]
    [InlineData("Server=h;Port=not-a-port;Password=secret-pw", "PostgreSQL connection string")]
    [InlineData("User=u;Password=secret-pw", "neither PostgreSQL")]
    [InlineData("Data Source=x.db;Mode=Sideways;Password=secret-pw", "SQLite connection string")]
    [InlineData("   ", "empty")]
    public void Unusable_urls_are_rejected_with_a_message_that_never_shows_the_password(string url, string message)
    {
        var error = Assert.Throws<FormatException>(() => DatabaseConnection.Parse(url));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
        Assert.False(DatabaseConnection.TryParse(url, out _, out var reason));
        Assert.Equal(error.Message, reason);
    }

    [Theory]
    [InlineData("Host=db;Port=5433;Database=taskgraph;Username=u;Password=p")]
    [InlineData("server=db;database=taskgraph;user id=u")]
    public void An_npgsql_keyword_string_is_postgres(string url)
    {
        var connection = DatabaseConnection.Parse(url);

        Assert.Equal(DatabaseProvider.Postgres, connection.Provider);
        Assert.Equal("db", new NpgsqlConnectionStringBuilder(connection.ConnectionString).Host);
    }

    [Theory]
    [InlineData("Data Source=/data/taskgraph.db", "/data/taskgraph.db")]
    [InlineData("DataSource=taskgraph.db;Cache=Shared", "taskgraph.db")]
    [InlineData("Filename=relative/dir/tasks.db", "relative/dir/tasks.db")]
    [InlineData("/data/taskgraph.db", "/data/taskgraph.db")]
    [InlineData("taskgraph.db", "taskgraph.db")]
    public void Data_source_strings_and_bare_paths_are_sqlite(string url, string file)
    {
        var connection = DatabaseConnection.Parse(url);

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal(file, builder.DataSource);
        Assert.True(builder.Pooling);
    }

    [Fact]
    public void Descriptions_for_logs_name_the_place_but_never_the_password()
    {
        var postgres = DatabaseConnection.Parse("postgres://u:secret-pw@db:5433/taskgraph");
        var sqlite = DatabaseConnection.Parse("Data Source=/data/taskgraph.db");

        Assert.Equal("PostgreSQL db:5433/taskgraph", postgres.Describe());
        Assert.Equal("PostgreSQL db:5433/taskgraph", postgres.ToString());
        Assert.Equal("SQLite /data/taskgraph.db", sqlite.Describe());
    }

    [Fact]
    public void Start_up_fails_with_a_clear_message_for_an_unusable_database_url()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["Database:Url"] = "mysql://u:secret-pw@h/db";

        var error = factory.StartupError();

        Assert.NotNull(error);
        var messages = Flatten(error);
        Assert.Contains("DATABASE_URL has an unsupported scheme", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_says_which_database_without_credentials()
    {
        using var factory = new LoggingTaskGraphFactory();

        await factory.CreateAdminClientAsync();
        await factory.Logs.EntryAsync(e => e.GetProperty("message").GetString()!.StartsWith("Database: ", StringComparison.Ordinal));

        var line = Assert.Single(factory.Logs.Lines, l => l.Contains("\"Database: ", StringComparison.Ordinal) || l.Contains("Database: ", StringComparison.Ordinal));
        Assert.Contains(TestDatabase.IsPostgres ? "PostgreSQL" : "SQLite", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", line, StringComparison.OrdinalIgnoreCase);
    }

    private static string Flatten(Exception error) =>
        error is AggregateException aggregate
            ? string.Join(" | ", aggregate.Flatten().InnerExceptions.Select(Flatten))
            : error.Message + (error.InnerException is null ? "" : " | " + Flatten(error.InnerException));
}
