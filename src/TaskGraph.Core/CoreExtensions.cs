using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Caching;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Jokes;
using TaskGraph.Core.Reminders;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Import;
using TaskGraph.Core.Users;
using TaskGraph.Core.Webhooks;
using ZiggyCreatures.Caching.Fusion;

namespace TaskGraph.Core;

public static class CoreExtensions
{
    /// <summary>The core both faces call: data, users and auth, tasks (their page cache seam and their events), jokes.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddData(configuration);

        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.SectionName);
        services.AddSingleton<AuthOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TokenIssuer>();
        // The caller, resolved once per request by the host; code that needs one takes Actor itself.
        services.AddScoped<CurrentActor>();
        services.AddScoped(provider => provider.GetRequiredService<CurrentActor>().Required);

        // The host adds the backplane (IFusionCacheBackplane) that evicts callers on every instance.
        services.AddFusionCache(CallerCache.CacheName)
            // A failed lookup propagates and is logged once by whoever handles it, not again here.
            .WithOptions(options =>
            {
                options.FactoryErrorsLogLevel = LogLevel.Debug;
                // CallerCache counts evictions in an event handler, which must run before the eviction is applied.
                options.EnableSyncEventHandlersExecution = true;
            })
            .TryWithRegisteredBackplane();
        services.AddSingleton<CallerCache>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<TaskCommands>();
        services.AddScoped<TaskImports>();
        services.AddScoped<TaskImportJob>();
        services.AddScoped<UnfinishedImports>();
        services.AddSingleton<ImportMetrics>();
        services.AddScoped<JobQueries>();
        services.TryAddSingleton<ITaskPageCache, UncachedTaskPages>();
        services.AddTaskEvents(configuration);
        services.AddReminders(configuration);
        services.AddWebhookSubscriptions(configuration);
        services.AddJokes(configuration);
        return services;
    }
}
