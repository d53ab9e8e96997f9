using Hangfire.States;
using Hangfire.Storage;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>
/// Ends an import's job as <c>failed</c> when Hangfire gives up on it (its last retry failed) or an
/// admin deletes it on the dashboard; otherwise <c>GET /v1/jobs/{id}</c> would show it running forever.
/// </summary>
public sealed partial class ImportFailureFilter(IServiceScopeFactory scopes, ILogger<ImportFailureFilter> logger) : IApplyStateFilter
{
    public const string FailedMessage = "The import failed on every attempt: rows not counted in progress were not imported. Import them again.";

    public const string DeletedMessage = "The import was cancelled by an administrator: rows not counted in progress were not imported.";

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        var message = context.NewState switch
        {
            FailedState => FailedMessage,
            DeletedState => DeletedMessage,
            _ => null,
        };
        if (message is null || context.BackgroundJob.Job is not { Args: [Guid jobId, ..] } job || job.Type != typeof(TaskImportJob))
        {
            return;
        }
        using var scope = scopes.CreateScope();
        if (scope.ServiceProvider.GetRequiredService<UnfinishedImports>().Fail(jobId, message))
        {
            LogImportEnded(logger, jobId, context.NewState.Name, (context.NewState as FailedState)?.Exception.GetType().Name);
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import job {JobId} ended as failed: its Hangfire job became {State} (last exception: {ExceptionType})")]
    private static partial void LogImportEnded(ILogger logger, Guid jobId, string state, string? exceptionType);
}
