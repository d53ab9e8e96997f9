using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using TaskGraph.Api.Http;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>
/// The CSV form of tasks: the columns an import reads first, then the ones only an export writes
/// (an import ignores them, so an export re-imports as new tasks).
/// </summary>
public static class TaskCsv
{
    public const string MediaType = "text/csv";

    /// <summary>What an import reads; only <c>title</c> is required.</summary>
    public static readonly string[] ImportColumns = ["title", "description", "completed", "priority", "due_date"];

    public static readonly string[] ExportColumns = [.. ImportColumns, "id", "created_at", "updated_at", "owner_id", "version"];

    /// <summary>
    /// Fields starting with <c>= + - @</c>, tab or CR get a leading <c>'</c> so spreadsheets show them
    /// as text instead of running them as formulas (an admin's export holds every user's titles); an import takes it off again.
    /// </summary>
    public static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        DetectDelimiter = false,
        TrimOptions = TrimOptions.None,
    };

    public static void WriteHeader(CsvWriter csv)
    {
        foreach (var column in ExportColumns)
        {
            csv.WriteField(column);
        }
    }

    public static void WriteRow(CsvWriter csv, TaskItem task)
    {
        csv.WriteField(task.Title);
        csv.WriteField(task.Description);
        csv.WriteField(task.Completed ? "true" : "false");
        csv.WriteField(task.Priority.ToString().ToLowerInvariant());
        csv.WriteField(task.DueDate is { } due ? UtcDateTimeJsonConverter.Format(due) : null);
        csv.WriteField(task.Id);
        csv.WriteField(UtcDateTimeJsonConverter.Format(task.CreatedAt));
        csv.WriteField(UtcDateTimeJsonConverter.Format(task.UpdatedAt));
        csv.WriteField(task.OwnerId);
        csv.WriteField(task.Version);
    }

    /// <summary>Undoes the export's formula escape.</summary>
    public static string? Unescape(string? field) =>
        field is ['\'', '=' or '+' or '-' or '@' or '\t' or '\r', ..] ? field[1..] : field;
}
