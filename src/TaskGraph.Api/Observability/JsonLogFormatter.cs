using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace TaskGraph.Api.Observability;

/// <summary>
/// One JSON object per line with the contract's field names: <c>timestamp</c>, <c>level</c>,
/// <c>message</c>, <c>request_id</c>, <c>trace_id</c>, and for request lines <c>method</c>, <c>path</c>,
/// <c>status</c>, <c>duration_ms</c>, <c>user_id</c>. Other properties follow in snake_case.
/// </summary>
public sealed class JsonLogFormatter : ITextFormatter
{
    // Serilog's request logging names its properties its own way; the contract's names win.
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["RequestMethod"] = "method",
        ["RequestPath"] = "path",
        ["StatusCode"] = "status",
        ["Elapsed"] = "duration_ms",
        ["SourceContext"] = "logger",
    };

    // Properties already written as top-level fields, or noise from ASP.NET Core's scopes.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "RequestId", "ConnectionId", "TraceId", "SpanId", "ParentId", "trace_id", "span_id", "EventId",
    };

    // ":l" renders string values without quotes: "GET /v1/tasks responded 200", not "\"GET\" \"/v1/tasks\"".
    private static readonly MessageTemplateTextFormatter MessageRenderer = new("{Message:l}", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", logEvent.Timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEvent.Level));
            using var message = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            MessageRenderer.Format(logEvent, message);
            json.WriteString("message", message.ToString());
            if (!logEvent.Properties.ContainsKey("request_id"))
            {
                json.WriteNull("request_id");
            }
            if (logEvent.TraceId is { } traceId)
            {
                json.WriteString("trace_id", traceId.ToHexString());
            }
            else
            {
                json.WriteNull("trace_id");
            }
            foreach (var (name, value) in logEvent.Properties)
            {
                if (Skipped.Contains(name))
                {
                    continue;
                }
                json.WritePropertyName(Renames.TryGetValue(name, out var renamed) ? renamed : JsonNamingPolicy.SnakeCaseLower.ConvertName(name));
                WriteValue(json, value);
            }
            if (logEvent.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }
            json.WriteEndObject();
        }
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Write('\n');
    }

    private static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warning",
        LogEventLevel.Error => "error",
        _ => "fatal",
    };

    private static void WriteValue(Utf8JsonWriter json, LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: null }:
                json.WriteNullValue();
                break;
            case ScalarValue { Value: bool b }:
                json.WriteBooleanValue(b);
                break;
            case ScalarValue { Value: int or long or short or byte or uint or ulong or ushort or sbyte } scalar:
                json.WriteNumberValue(Convert.ToInt64(scalar.Value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ScalarValue { Value: double or float or decimal } scalar:
                json.WriteNumberValue(Math.Round(Convert.ToDouble(scalar.Value, System.Globalization.CultureInfo.InvariantCulture), 3));
                break;
            case ScalarValue scalar:
                json.WriteStringValue(Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case SequenceValue sequence:
                json.WriteStartArray();
                foreach (var element in sequence.Elements)
                {
                    WriteValue(json, element);
                }
                json.WriteEndArray();
                break;
            case StructureValue structure:
                json.WriteStartObject();
                foreach (var property in structure.Properties)
                {
                    json.WritePropertyName(property.Name);
                    WriteValue(json, property.Value);
                }
                json.WriteEndObject();
                break;
            case DictionaryValue dictionary:
                json.WriteStartObject();
                foreach (var (key, element) in dictionary.Elements)
                {
                    json.WritePropertyName(Convert.ToString(key.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "null");
                    WriteValue(json, element);
                }
                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(value.ToString());
                break;
        }
    }
}
