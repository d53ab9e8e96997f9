using TaskGraph.Schema.Tasks;
using TaskGraph.Schema.Common;

namespace TaskGraph.Api.Caching;

public static class CachingSetup
{
    /// <summary>The task list cache, also registered as a listener of the core's task writes (its invalidation).</summary>
    public static IServiceCollection AddTaskListCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaskListCacheOptions>(configuration, TaskListCacheOptions.SectionName);
        services.AddSingleton<TaskListCache>();
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<TaskListCache>());
        return services;
    }
}
