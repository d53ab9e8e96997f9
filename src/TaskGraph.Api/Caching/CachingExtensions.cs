using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskGraph.Core.Caching;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Caching;

public static class CachingExtensions
{
    /// <summary>The task page cache both faces go through, in Redis; it also hears of every task write (its invalidation).</summary>
    public static IServiceCollection AddCaching(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaskPageCacheOptions>(configuration, TaskPageCacheOptions.SectionName);
        services.AddSingleton<RedisTaskPageCache>();
        services.Replace(ServiceDescriptor.Singleton<ITaskPageCache>(provider => provider.GetRequiredService<RedisTaskPageCache>()));
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<RedisTaskPageCache>());
        return services;
    }
}
