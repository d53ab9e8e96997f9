using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskGraph.Schema.Common;

namespace TaskGraph.Schema.Data;

public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddTaskGraphData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DatabaseOptions>(configuration, DatabaseOptions.SectionName);

        services.AddDbContext<TaskGraphDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(SqliteConnectionSetup.NormalizeConnectionString(database.Url))
                .AddInterceptors(new SqliteConnectionSetup(database.BusyTimeoutMilliseconds))
                // These failures propagate to the caller, which logs them once (the exception middleware
                // for requests); EF's own error-level copies would log every failure two or three times.
                .ConfigureWarnings(warnings => warnings.Log(
                    (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                    (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                    (RelationalEventId.CommandError, LogLevel.Debug),
                    (RelationalEventId.ConnectionError, LogLevel.Debug)));
        });
        return services;
    }

    /// <summary>Applies pending migrations (EF takes a migration lock, so several instances may start at once).</summary>
    public static async Task MigrateTaskGraphDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run while one writer writes; the mode is stored in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }
    }
}
