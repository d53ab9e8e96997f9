using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

public static class TaskTransferExtensions
{
    /// <summary>Imports run on the job engine; until it is part of the host, an import is refused with 503 and nothing is kept.</summary>
    public static IServiceCollection AddTaskTransfer(this IServiceCollection services) =>
        services.AddScoped<ITaskImportJobs, NoJobEngine>();
}
