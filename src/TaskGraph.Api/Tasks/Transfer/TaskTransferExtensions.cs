using Hangfire.States;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

public static class TaskTransferExtensions
{
    /// <summary>Import jobs run on the job engine (Hangfire, see <c>AddJobs</c>), which also ends the ones it gives up on and cleans up abandoned uploads.</summary>
    public static IServiceCollection AddTaskTransfer(this IServiceCollection services)
    {
        services.AddScoped<ITaskImportJobs, HangfireTaskImportJobs>();
        services.AddSingleton<IApplyStateFilter, ImportFailureFilter>();
        services.AddHostedService<ImportCleanupSchedule>();
        return services;
    }
}
