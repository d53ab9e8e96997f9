using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks.Transfer;

public static class TaskExportEndpoints
{
    /// <summary>GET /v1/tasks/export, on the tasks group: every visible task the list filters match, written as it is read.</summary>
    public static RouteGroupBuilder MapTaskExport(this RouteGroupBuilder tasks)
    {
        tasks.MapGet("/export", ExportAsync)
            .WithName("exportTasks")
            .WithSummary("Download every task you can see as CSV or JSON (list filters and sort apply)")
            .WithDescription("format=json (the default) is an array of tasks as GET /v1/tasks returns them; format=csv has the columns title, description, completed, priority, due_date, id, created_at, updated_at, owner_id, version, and POST /v1/tasks/import reads it back. Takes the filters and sort of GET /v1/tasks; skip and limit do not apply. Rows are written as they are read, so any size streams.")
            .Produces<IReadOnlyList<TaskResponse>>(StatusCodes.Status200OK, "application/json", TaskCsv.MediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return tasks;
    }

    private static async Task ExportAsync(
        [AsParameters] TaskListParameters parameters, string? format, Actor actor, TaskQueries queries, IOptions<JsonOptions> json, HttpContext http, CancellationToken cancellationToken)
    {
        var csv = format switch
        {
            null or "" or "json" => false,
            "csv" => true,
            _ => throw DomainException.Invalid("format", "format must be csv or json."),
        };
        var list = parameters.Parse(http.Request.Query);
        var tasks = queries.StreamAsync(actor, list.Query);

        var response = http.Response;
        response.ContentType = csv ? $"{TaskCsv.MediaType}; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"tasks.{(csv ? "csv" : "json")}\"";
        if (!csv)
        {
            // The serializer flushes whenever its buffer fills, so memory stays bounded however many rows there are.
            await JsonSerializer.SerializeAsync(response.Body, tasks.Select(TaskResponse.From), json.Value.SerializerOptions, cancellationToken);
            return;
        }
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await using var rows = new CsvWriter(writer, TaskCsv.Configuration);
        TaskCsv.WriteHeader(rows);
        await rows.NextRecordAsync();
        await foreach (var task in tasks.WithCancellation(cancellationToken))
        {
            TaskCsv.WriteRow(rows, task);
            await rows.NextRecordAsync();
        }
        await rows.FlushAsync();
    }
}
