using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

public static class TaskTransferExtensions
{
    /// <summary>Import jobs run on the job engine (Hangfire, see <c>AddJobs</c>).</summary>
    public static IServiceCollection AddTaskTransfer(this IServiceCollection services) =>
        services.AddScoped<ITaskImportJobs, HangfireTaskImportJobs>();
}
