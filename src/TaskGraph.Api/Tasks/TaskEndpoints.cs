using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Api.Auth;
using TaskGraph.Api.Caching;
using TaskGraph.Api.Http;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>REST /v1/tasks: translation only; scoping, validation and concurrency live in the core.</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/v1/tasks")
            .WithTags("Tasks")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        tasks.MapPost("", async Task<Created<TaskResponse>> (TaskRequest request, ClaimsPrincipal user, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var task = await commands.CreateAsync(user.RequireActor(), request.ToNewTask(), cancellationToken);
                return TypedResults.Created($"/v1/tasks/{task.Id}", WithETag(http, task));
            })
            .WithSummary("Create a task");

        tasks.MapGet("", async Task<Ok<IReadOnlyList<TaskResponse>>> ([AsParameters] TaskListParameters parameters, ClaimsPrincipal user, TaskQueries queries, HttpContext http, CancellationToken cancellationToken) =>
            {
                var (filter, sorts, skip, limit) = parameters.Parse();
                var page = await queries.ListAsync(user.RequireActor(), filter, sorts, skip, limit, cancellationToken);
                PagingHeaders.Write(http, page);
                return TypedResults.Ok<IReadOnlyList<TaskResponse>>(page.Items.Select(TaskResponse.From).ToList());
            })
            .WithSummary("List tasks: paging, filters and sorting")
            .AddEndpointFilter<TaskListCacheFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tasks.MapGet("/{id:int}", async Task<Ok<TaskResponse>> (int id, ClaimsPrincipal user, TaskQueries queries, HttpContext http, CancellationToken cancellationToken) =>
                TypedResults.Ok(WithETag(http, await queries.GetAsync(user.RequireActor(), id, cancellationToken))))
            .WithSummary("Get a task")
            .ProducesProblem(StatusCodes.Status404NotFound);

        tasks.MapPut("/{id:int}", async Task<Ok<TaskResponse>> (int id, TaskRequest request, ClaimsPrincipal user, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var changes = TaskChanges.Replace(request.ToNewTask());
                var task = await commands.UpdateAsync(user.RequireActor(), id, changes, ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.Ok(WithETag(http, task));
            })
            .WithSummary("Replace a task's editable fields (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tasks.MapPatch("/{id:int}", async Task<Ok<TaskResponse>> (int id, TaskPatchRequest request, ClaimsPrincipal user, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var task = await commands.UpdateAsync(user.RequireActor(), id, request.ToChanges(), ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.Ok(WithETag(http, task));
            })
            .WithSummary("Change only the fields sent (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tasks.MapDelete("/{id:int}", async Task<NoContent> (int id, ClaimsPrincipal user, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                await commands.DeleteAsync(user.RequireActor(), id, ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Delete a task (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        return app;
    }

    private static TaskResponse WithETag(HttpContext http, TaskItem task)
    {
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TaskResponse.From(task);
    }
}
