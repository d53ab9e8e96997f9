using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>
/// The app with import jobs run as soon as they are queued, in a scope of their own: the job engine's
/// part, until the Hangfire engine is merged and runs them itself.
/// </summary>
public sealed class ImportingFactory : TaskGraphFactory
{
    public ImportingFactory()
    {
        OverrideServices = services => services.AddScoped<ITaskImportJobs, RunAtOnce>();
    }

    private sealed class RunAtOnce(IServiceScopeFactory scopes) : ITaskImportJobs
    {
        public void Enqueue(Guid jobId) => _ = Task.Run(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TaskImportJob>().RunAsync(jobId, CancellationToken.None);
        });
    }
}
