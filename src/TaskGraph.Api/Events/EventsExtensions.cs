using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Events;

public static class EventsExtensions
{
    /// <summary>Wake-ups between instances over Redis (nothing to do without REDIS_URL: each instance then wakes only itself).</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<RedisEventWakeUps>();
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<RedisEventWakeUps>());
        services.AddHostedService(provider => provider.GetRequiredService<RedisEventWakeUps>());
        return services;
    }
}
