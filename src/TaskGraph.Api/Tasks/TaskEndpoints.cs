using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Http;
using TaskGraph.Api.Tasks.Batch;
using TaskGraph.Api.Tasks.Transfer;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Caching;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks;

/// <summary>REST /v1/tasks: translation only; scoping, validation and concurrency live in the core.</summary>
public static class TaskEndpoints
{
    public const string RestFace = "rest";

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/v1/tasks")
            .WithTags("Tasks")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        tasks.MapPost("", async Task<Created<TaskResponse>> (TaskRequest request, Actor actor, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var task = await commands.CreateAsync(actor, request.ToNewTask(), cancellationToken);
                return TypedResults.Created($"/v1/tasks/{task.Id}", WithETag(http, task));
            })
            .WithName("createTask")
            .WithSummary("Create a task");

        tasks.MapGet("", ListAsync)
            .WithName("listTasks")
            .WithSummary("List tasks: paging, filters and sorting")
            .WithDescription("Filters: completed, priority, owner_id (admins) and q, or field[operator]=value for any field and operator of GraphQL's where (e.g. due_date[gte]=2026-12-01; in and nin repeat the parameter per value). sort takes up to 5 comma-separated keys, '-' for descending.")
            .Produces<IReadOnlyList<TaskResponse>>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        tasks.MapGet("/{id:int}", async Task<Ok<TaskResponse>> (int id, Actor actor, TaskQueries queries, HttpContext http, CancellationToken cancellationToken) =>
                TypedResults.Ok(WithETag(http, await queries.GetAsync(actor, id, cancellationToken))))
            .WithName("getTask")
            .WithSummary("Get a task")
            .ProducesProblem(StatusCodes.Status404NotFound);

        tasks.MapPut("/{id:int}", async Task<Ok<TaskResponse>> (int id, TaskRequest request, Actor actor, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var changes = TaskChanges.Replace(request.ToNewTask());
                var task = await commands.UpdateAsync(actor, id, changes, ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.Ok(WithETag(http, task));
            })
            .WithName("replaceTask")
            .WithSummary("Replace a task's editable fields (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tasks.MapPatch("/{id:int}", async Task<Ok<TaskResponse>> (int id, TaskPatchRequest request, Actor actor, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                var task = await commands.UpdateAsync(actor, id, request.ToChanges(), ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.Ok(WithETag(http, task));
            })
            .WithName("updateTask")
            .WithSummary("Change only the fields sent (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tasks.MapDelete("/{id:int}", async Task<NoContent> (int id, Actor actor, TaskCommands commands, HttpContext http, CancellationToken cancellationToken) =>
            {
                await commands.DeleteAsync(actor, id, ETags.ExpectedVersion(http.Request), cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("deleteTask")
            .WithSummary("Delete a task (honours If-Match)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        tasks.MapTaskBatch();
        tasks.MapTaskExport();
        tasks.MapTaskImport();
        return app;
    }

    /// <summary>The page as the bytes it sends, through the page cache both faces share; <c>X-Cache</c> says HIT or MISS when caching is on.</summary>
    private static async Task<FileContentHttpResult> ListAsync(
        [AsParameters] TaskListParameters parameters, Actor actor, TaskQueries queries, ITaskPageCache cache, IOptions<JsonOptions> json, HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var list = parameters.Parse(request.Query);
        // The Link URLs embed the address, so it is part of the key.
        var key = TaskPageKey.For(actor, RestFace, list.Query, string.Create(CultureInfo.InvariantCulture, $"{list.Skip}\n{list.Limit}\n{request.Scheme}://{request.Host}{request.PathBase}{request.Path}"));
        var (page, outcome) = await cache.GetOrCreateAsync(key, async () =>
        {
            var tasks = await queries.ListAsync(actor, list.Query, list.Skip, list.Limit, cancellationToken);
            var body = JsonSerializer.SerializeToUtf8Bytes(tasks.Items.Select(TaskResponse.From).ToList(), json.Value.SerializerOptions);
            return new CachedPage(body, PagingHeaders.For(http, tasks, list.LinkParameters));
        }, cancellationToken);

        if (outcome != CacheOutcome.Bypass)
        {
            http.Response.Headers["X-Cache"] = outcome == CacheOutcome.Hit ? "HIT" : "MISS";
        }
        foreach (var (name, value) in page.Metadata)
        {
            http.Response.Headers[name] = value;
        }
        return TypedResults.Bytes(page.Content, "application/json; charset=utf-8");
    }

    private static TaskResponse WithETag(HttpContext http, TaskItem task)
    {
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TaskResponse.From(task);
    }
}
