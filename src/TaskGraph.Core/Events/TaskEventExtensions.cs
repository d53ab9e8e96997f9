using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Events;

public static class TaskEventExtensions
{
    /// <summary>The event log, this instance's hub of live subscriptions, and the dispatcher that feeds it from the log.</summary>
    public static IServiceCollection AddTaskEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TaskEventOptions>(configuration, TaskEventOptions.SectionName);
        services.AddScoped<TaskEventLog>();
        services.AddSingleton<TaskEventHub>();
        services.AddSingleton<TaskEventSignal>();
        services.AddSingleton<ITaskChangeListener>(provider => provider.GetRequiredService<TaskEventSignal>());
        services.AddHostedService<TaskEventDispatcher>();
        return services;
    }
}
