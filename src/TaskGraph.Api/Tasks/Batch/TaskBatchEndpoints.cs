using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks.Batch;

public static class TaskBatchEndpoints
{
    /// <summary>POST /v1/tasks/batch, on the tasks group (its auth, limits and error responses).</summary>
    public static RouteGroupBuilder MapTaskBatch(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/batch", async Task<Ok<TaskBatchResponse>> (TaskBatchRequest request, Actor actor, TaskCommands commands, CancellationToken cancellationToken) =>
                TypedResults.Ok(new TaskBatchResponse(await commands.BatchAsync(actor, request.ToBatch(), cancellationToken))))
            .WithName("batchUpdateTasks")
            .WithSummary("Complete, reopen, delete or re-prioritize up to 1000 tasks, all or nothing")
            .WithDescription("One transaction: when any id is not visible to you the answer is 404 naming it and nothing changes. Tasks already in the asked-for state are left as they are; `updated` counts the tasks that changed, each of which records one event.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tasks;
    }
}
