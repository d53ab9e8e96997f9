using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data.Postgres;

namespace TaskGraph.Core.Data;

public static class DataExtensions
{
    /// <summary>
    /// EF keeps one migrations set per provider: SQLite's live in this assembly (Data/Migrations/Sqlite),
    /// PostgreSQL's in their own, so both can belong to the one <see cref="TaskGraphDbContext"/> the app injects.
    /// </summary>
    public const string PostgresMigrationsAssembly = "TaskGraph.Migrations.Postgres";

    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName);

        // The provider is chosen when the options are read, not at registration: tests and hosts may
        // add configuration after AddData runs. Pooled: a request rents a reset context instead of building one.
        services.AddDbContextPool<TaskGraphDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connection = database.ParseConnection();
            if (connection.Provider == DatabaseProvider.Postgres)
            {
                options.UseNpgsql(WithConnectTimeout(connection.ConnectionString, database.ConnectTimeoutSeconds), npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly))
                    .AddInterceptors(new OutagePoolReset());
                ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new OrdinalLowerTranslation());
            }
            else
            {
                options.UseSqlite(connection.ConnectionString)
                    .AddInterceptors(new SqliteConnectionSetup(database.BusyTimeoutMilliseconds));
            }
            // These failures propagate to the caller, which logs them once (the exception middleware
            // for requests); EF's own error-level copies would log every failure two or three times.
            options.ConfigureWarnings(warnings => warnings.Log(
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug)));
        });
        return services;
    }

    /// <summary>
    /// Npgsql waits 15 s for a connection by default; an unreachable server should be a quick 503,
    /// so ours applies unless DATABASE_URL sets one (<c>connect_timeout</c>, <c>Timeout</c>).
    /// </summary>
    private static string WithConnectTimeout(string connectionString, int seconds)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (TimeoutKeywords.Any(given.ContainsKey))
        {
            return connectionString;
        }
        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = seconds }.ConnectionString;
    }

    private static readonly string[] TimeoutKeywords = ["Timeout", "Connect Timeout", "Connection Timeout"];

    /// <summary>Applies pending migrations; several instances may start at once (EF's migration lock, and on PostgreSQL one of ours).</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ParseConnection();
        // Where, never how: the connection string may carry a password.
        scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataExtensions))
            .LogInformation("Database: {Database}", database.Describe());
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        if (db.Database.IsNpgsql())
        {
            await MigratePostgresAsync(db, cancellationToken);
        }
        else
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while one writer writes; the mode is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
    }

    /// <summary>Any fixed number: the PostgreSQL advisory lock that serializes whole migration runs.</summary>
    private const long PostgresMigrationLock = 0x5441534B_4D49;

    /// <summary>
    /// EF's own PostgreSQL lock did not stop two instances starting together from both applying the
    /// second of two pending migrations (ConcurrentStartupTests): a session-level advisory lock held
    /// for the whole run makes the later instance find nothing pending.
    /// </summary>
    private static async Task MigratePostgresAsync(TaskGraphDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({PostgresMigrationLock})", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({PostgresMigrationLock})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
