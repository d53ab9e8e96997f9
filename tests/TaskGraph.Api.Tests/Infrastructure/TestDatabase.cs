using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// The database one test factory's app runs on: a temp SQLite file by default, or, when
/// <c>TASKGRAPH_TEST_POSTGRES</c> holds an admin connection string, a throwaway PostgreSQL database
/// of its own on that server (scripts/test.sh runs the whole suite both ways).
/// </summary>
public abstract class TestDatabase : IDisposable
{
    public const string PostgresVariable = "TASKGRAPH_TEST_POSTGRES";

    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresAdminConnectionString is not null;

    /// <summary>The name of the exception type a failing query of this provider throws.</summary>
    public static string ProviderExceptionName => IsPostgres ? nameof(PostgresException) : nameof(SqliteException);

    /// <summary>DATABASE_URL for the app.</summary>
    public abstract string Url { get; }

    public static TestDatabase Create() =>
        PostgresAdminConnectionString is { } admin ? new PostgresTestDatabase(admin) : new SqliteTestDatabase();

    /// <summary>Makes the database unusable under the running app, so its queries and health check fail.</summary>
    public abstract void Break();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"taskgraph-test-{Guid.NewGuid():N}.db");

    public override string Url => $"Data Source={Path}";

    /// <summary>The file becomes a directory: SQLite can no longer open it.</summary>
    public override void Break()
    {
        SqliteConnection.ClearAllPools();
        DeleteFiles();
        Directory.CreateDirectory(Path);
    }

    protected override void Dispose(bool disposing)
    {
        // Pooled connections keep the file open; drop idle ones so the files really go away
        // (harmless to other factories: their connections simply reopen).
        SqliteConnection.ClearAllPools();
        DeleteFiles();
    }

    private void DeleteFiles()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _admin;

    public PostgresTestDatabase(string adminConnectionString)
    {
        // The admin string may name any database to connect to; each factory gets a fresh one beside it.
        _admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString;
        Name = $"taskgraph_test_{Guid.NewGuid():N}";
        Url = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Name }.ConnectionString;
        Execute($"CREATE DATABASE \"{Name}\"");
    }

    public string Name { get; }

    public override string Url { get; }

    /// <summary>Drops the database under the app (FORCE ends its sessions): every later connection fails.</summary>
    public override void Break() => Drop();

    protected override void Dispose(bool disposing) => Drop();

    private void Drop()
    {
        using (var pooled = new NpgsqlConnection(Url))
        {
            // The app's idle pooled connections to this database would otherwise linger until pruned.
            NpgsqlConnection.ClearPool(pooled);
        }
        Execute($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>A fact that only means something on SQLite (a file path, a pragma); skipped on the PostgreSQL run.</summary>
public sealed class SqliteOnlyFactAttribute : FactAttribute
{
    public SqliteOnlyFactAttribute(string reason)
    {
        if (TestDatabase.IsPostgres)
        {
            Skip = $"SQLite only: {reason}";
        }
    }
}
