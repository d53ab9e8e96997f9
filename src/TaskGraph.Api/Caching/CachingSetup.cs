using TaskGraph.Schema.Tasks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskGraph.Schema.Common;
using TaskGraph.Schema.GraphQL.Execution;

namespace TaskGraph.Api.Caching;

public static class CachingSetup
{
    /// <summary>The task list cache (REST list and GraphQL <c>tasks</c>), also registered as a listener of the core's task writes (its invalidation).</summary>
    public static IServiceCollection AddTaskListCache(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaskListCacheOptions>(configuration, TaskListCacheOptions.SectionName);
        services.AddSingleton<TaskListCache>();
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<TaskListCache>());
        services.Replace(ServiceDescriptor.Singleton<ITaskPageCache, GraphQLTaskPageCache>());
        return services;
    }
}
