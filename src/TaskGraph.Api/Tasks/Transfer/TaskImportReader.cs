using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CsvHelper;
using TaskGraph.Api.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tasks.Transfer;

/// <summary>
/// Reads an upload row by row as it arrives (a JSON array, or CSV with a header), typing each value;
/// a value of the wrong type becomes the row's error, not the request's. Malformed JSON or CSV is the request's (422).
/// </summary>
public static class TaskImportReader
{
    private static readonly string[] Fields = TaskCsv.ImportColumns;

    public static async IAsyncEnumerable<ImportRow> ReadJsonAsync(Stream body, JsonSerializerOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(body, options, cancellationToken))
        {
            var row = new ImportRow();
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(row, ImportRow.WholeRow, "Each row is a JSON object.");
                yield return row;
                continue;
            }
            foreach (var field in Fields)
            {
                if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
                if (field == "completed")
                {
                    Set(row, field, value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null);
                }
                else if (value.ValueKind == JsonValueKind.String)
                {
                    Set(row, field, value.GetString());
                }
                else
                {
                    Fail(row, field, field == "title" || field == "description" ? "Must be text." : Expected(field));
                }
            }
            yield return row;
        }
    }

    public static async IAsyncEnumerable<ImportRow> ReadCsvAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, Encoding.UTF8);
        using var csv = new CsvReader(text, TaskCsv.Configuration);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw DomainException.Invalid("body", "The CSV is empty: it needs a header row naming its columns.");
        }
        var columns = Fields.Select(field => Array.FindIndex(header, h => string.Equals(h.Trim(), field, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (columns[0] < 0)
        {
            throw DomainException.Invalid("body", $"The CSV header has no title column. Columns: {string.Join(",", Fields)} (only title is required).");
        }
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = new ImportRow();
            for (var i = 0; i < Fields.Length; i++)
            {
                // A short row leaves its last columns empty; GetField (unlike TryGetField) reports malformed data.
                var value = columns[i] >= 0 && columns[i] < csv.Parser.Count ? TaskCsv.Unescape(csv.GetField(columns[i])) : null;
                if (Fields[i] is "title" or "description" ? value is not null : !string.IsNullOrWhiteSpace(value))
                {
                    Set(row, Fields[i], Fields[i] == "completed" ? ParseBool(value!) : value);
                }
            }
            yield return row;
        }
    }

    /// <summary>Sets the field from text (or a JSON boolean), or records why it cannot.</summary>
    private static void Set(ImportRow row, string field, object? value)
    {
        switch (field)
        {
            case "title":
                row.Title = (string?)value;
                break;
            case "description":
                row.Description = (string?)value is { Length: > 0 } description ? description : null;
                break;
            case "completed" when value is bool completed:
                row.Completed = completed;
                break;
            case "priority" when value is string text && Enum.TryParse<Priority>(text.Trim(), ignoreCase: true, out var priority) && Enum.IsDefined(priority) && !char.IsAsciiDigit(text.Trim()[0]):
                row.Priority = priority;
                break;
            case "due_date" when UtcDateTimeJsonConverter.TryParse(((string?)value)?.Trim(), out var due):
                row.DueDate = due;
                break;
            default:
                Fail(row, field, Expected(field));
                break;
        }
    }

    private static bool? ParseBool(string text) => bool.TryParse(text.Trim(), out var flag) ? flag : null;

    private static string Expected(string field) => field switch
    {
        "completed" => "Must be true or false.",
        "priority" => "Must be one of: low, medium, high.",
        _ => UtcDateTimeJsonConverter.Expected,
    };

    private static void Fail(ImportRow row, string field, string message) => row.Errors.Add(new ImportFieldError { Field = field, Message = message });
}
