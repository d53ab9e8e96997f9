using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Jobs;

public static class JobsExtensions
{
    /// <summary>The Hangfire schema on PostgreSQL, beside the app's tables.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>
    /// Hangfire on the app's database: PostgreSQL storage when DATABASE_URL is PostgreSQL, else a SQLite
    /// file beside the database, so <c>dotnet run</c> needs nothing else. Storage, activator and filters
    /// are this container's own, not Hangfire's process-wide statics, so hosts side by side (tests) stay apart.
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JobOptions>(configuration, JobOptions.SectionName);
        services.AddSingleton<JobStorage>(provider => CreateStorage(
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ParseConnection(),
            provider.GetRequiredService<IOptions<JobOptions>>().Value));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<IApplyStateFilter, JobMetricsFilter>();
        // Every state filter registered in the container applies to this host's jobs (features add theirs, e.g. webhook retries).
        services.AddSingleton<IJobFilterProvider>(provider =>
        {
            var own = new JobFilterCollection();
            // Hangfire's global filters, with this host's retry count in place of the process-wide one.
            foreach (var global in GlobalJobFilters.Filters.Where(f => f.Instance is not AutomaticRetryAttribute))
            {
                own.Add(global.Instance, global.Order);
            }
            own.Add(new AutomaticRetryAttribute { Attempts = provider.GetRequiredService<IOptions<JobOptions>>().Value.RetryAttempts });
            foreach (var filter in provider.GetServices<IApplyStateFilter>().Concat<object>(provider.GetServices<IElectStateFilter>()))
            {
                own.Add(filter);
            }
            return new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), own);
        });
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((provider, server) =>
        {
            var options = provider.GetRequiredService<IOptions<JobOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromMilliseconds(options.SchedulePollIntervalMilliseconds);
        });
        // A browser cannot send a bearer header: the dashboard also takes the token from its cookie (see JobsEndpoints).
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
        {
            var validated = bearer.Events.OnMessageReceived;
            bearer.Events.OnMessageReceived = async context =>
            {
                await validated(context);
                if (context.Token is null && string.IsNullOrEmpty(context.Request.Headers.Authorization))
                {
                    context.Token = await JobsEndpoints.DashboardTokenAsync(context.HttpContext);
                }
            };
        });
        return services;
    }

    private static JobStorage CreateStorage(DatabaseConnection database, JobOptions options)
    {
        var poll = TimeSpan.FromMilliseconds(options.PollIntervalMilliseconds);
        var invisibility = TimeSpan.FromMinutes(options.InvisibilityTimeoutMinutes);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = poll,
                InvisibilityTimeout = invisibility,
                UseSlidingInvisibilityTimeout = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
        }
        var sqlite = new SQLiteStorageOptions { QueuePollInterval = poll, InvisibilityTimeout = invisibility };
        return new SQLiteStorage(JobsDatabasePath(database.ConnectionString), sqlite);
    }

    /// <summary>The SQLite file Hangfire keeps its jobs in: <c>taskgraph.db</c> → <c>taskgraph.jobs.db</c>, so job polling never takes the app database's write lock.</summary>
    public static string JobsDatabasePath(string sqliteConnectionString)
    {
        var path = new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        return Path.ChangeExtension(path, null) + ".jobs" + (Path.GetExtension(path) is { Length: > 0 } extension ? extension : ".db");
    }
}
