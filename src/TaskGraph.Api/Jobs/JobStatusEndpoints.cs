using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Api.Jobs;

/// <summary>GET /v1/jobs/{id}: a job's status, progress and row errors, for its owner and admins (404 for anyone else).</summary>
public static class JobStatusEndpoints
{
    public static IEndpointRouteBuilder MapJobStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/jobs/{id:guid}", async Task<Ok<JobResponse>> (Guid id, Actor actor, JobQueries jobs, CancellationToken cancellationToken) =>
                TypedResults.Ok(JobResponse.From(await jobs.GetAsync(actor, id, cancellationToken))))
            .WithTags("Jobs")
            .WithName("getJob")
            .WithSummary("A background job's status, progress and per-row errors")
            .WithDescription("status is queued, running, succeeded or failed; progress counts the rows finished (imported or reported) out of the total; errors lists each bad row's number (from 1), field and message. Only the job's owner and admins see it.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
