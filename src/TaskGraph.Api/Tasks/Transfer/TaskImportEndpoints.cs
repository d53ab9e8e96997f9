using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text.Json;
using TaskGraph.Api.Errors;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

public static class TaskImportEndpoints
{
    /// <summary>10,000 rows of the longest title and description, with room for JSON escapes.</summary>
    public const long MaxBodyBytes = 48L * 1024 * 1024;

    /// <summary>The 413's detail: the import's own limits, not the API's usual 1 MiB.</summary>
    public static readonly string TooLargeDetail = string.Create(
        CultureInfo.InvariantCulture, $"An import is at most {MaxBodyBytes / (1024 * 1024)} MiB and {TaskImports.MaxRows:N0} rows: split the upload into several imports.");

    /// <summary>POST /v1/tasks/import, on the tasks group: spools the upload and answers 202 with the job that imports it.</summary>
    public static RouteGroupBuilder MapTaskImport(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/import", ImportAsync)
            .WithName("importTasks")
            .WithSummary("Import up to 10,000 tasks from a JSON array or CSV, as a background job")
            .WithDescription("Send a JSON array of tasks (the fields of POST /v1/tasks) with Content-Type: application/json, or CSV with a header row (title, description, completed, priority, due_date; only title is required, other columns are ignored, so an export re-imports) with Content-Type: text/csv. The rows are stored as they arrive; the answer is 202 with the job's id and Location: /v1/jobs/{id}. Valid rows become tasks; each bad row is reported in the job's errors with its number (from 1, the CSV header not counted).")
            .Accepts<IReadOnlyList<TaskRequest>>("application/json", TaskCsv.MediaType)
            .WithMetadata(new EndpointBodyLimit(MaxBodyBytes, TooLargeDetail))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return tasks;
    }

    private static async Task<Results<Accepted<ImportStartedResponse>, ProblemHttpResult>> ImportAsync(
        Actor actor, TaskImports imports, IOptions<JsonOptions> json, HttpContext http, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var csv = request.ContentType is { } type && type.StartsWith(TaskCsv.MediaType, StringComparison.OrdinalIgnoreCase);
        if (!csv && !request.HasJsonContentType())
        {
            return TypedResults.Problem("Send the tasks as a JSON array (application/json) or as CSV (text/csv).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        var rows = csv
            ? TaskImportReader.ReadCsvAsync(request.Body, cancellationToken)
            : TaskImportReader.ReadJsonAsync(request.Body, json.Value.SerializerOptions, cancellationToken);
        try
        {
            var job = await imports.StartAsync(actor, rows, cancellationToken);
            return TypedResults.Accepted($"/v1/jobs/{job.Id}", new ImportStartedResponse(job.Id));
        }
        catch (JsonException exception)
        {
            throw DomainException.Invalid("body", $"The body is not a JSON array of tasks: {exception.Message}", "Must be a JSON array of task objects.");
        }
        catch (CsvHelperException)
        {
            throw DomainException.Invalid("body", "The CSV is malformed (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled).");
        }
    }
}
