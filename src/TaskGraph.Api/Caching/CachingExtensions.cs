using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Api.Caching;

public static class CachingExtensions
{
    /// <summary>The task list cache (REST list and GraphQL <c>tasks</c>), also registered as a listener of the core's task writes (its invalidation).</summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaskListCacheOptions>(configuration, TaskListCacheOptions.SectionName);
        services.AddSingleton<TaskListCache>();
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<TaskListCache>());
        services.Replace(ServiceDescriptor.Singleton<ITaskPageCache, GraphQLTaskPageCache>());
        return services;
    }
}
