using Microsoft.Data.Sqlite;
using Npgsql;
using TaskGraph.Api.Jobs;

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

    /// <summary>Makes the database unreachable under the running app, for good: its queries and health check fail as in an outage.</summary>
    public abstract void Break();

    /// <summary>Drops the tasks table under the running app: queries on tasks fail with an error that is no outage (a bug, as far as the app can tell).</summary>
    public void DropTasksTable() => Execute(this is PostgresTestDatabase ? "DROP TABLE tasks CASCADE" : "DROP TABLE tasks");

    protected abstract void Execute(string sql);

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

    /// <summary>The files move aside and a directory takes their place, as when a volume goes away: nothing can open the database until <see cref="BringBack"/>.</summary>
    public void TakeAway()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in Suffixes.Where(suffix => File.Exists(Path + suffix)))
        {
            File.Move(Path + suffix, Path + suffix + ".away");
        }
        Directory.CreateDirectory(Path);
    }

    public void BringBack()
    {
        Directory.Delete(Path);
        foreach (var suffix in Suffixes.Where(suffix => File.Exists(Path + suffix + ".away")))
        {
            // A connection a background loop held open through the outage may have written a -wal of its own meanwhile.
            File.Move(Path + suffix + ".away", Path + suffix, overwrite: true);
        }
    }

    private static readonly string[] Suffixes = ["", "-wal", "-shm"];

    protected override void Execute(string sql)
    {
        using var connection = new SqliteConnection(Url);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
        var jobs = JobsExtensions.JobsDatabasePath(Url);
        foreach (var suffix in Suffixes)
        {
            File.Delete(Path + suffix);
            File.Delete(Path + suffix + ".away");
            File.Delete(jobs + suffix);
        }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _admin;

    protected override void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Url);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public PostgresTestDatabase(string adminConnectionString)
    {
        // The admin string may name any database to connect to; each factory gets a fresh one beside it.
        _admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString;
        Name = $"taskgraph_test_{Guid.NewGuid():N}";
        Url = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Name }.ConnectionString;
        ExecuteAsAdmin($"CREATE DATABASE \"{Name}\"");
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
        ExecuteAsAdmin($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private void ExecuteAsAdmin(string sql)
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
