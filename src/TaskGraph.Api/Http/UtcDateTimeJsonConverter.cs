using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

/// <summary>
/// Reads ISO-8601 dates and date-times (no offset means UTC) and writes UTC with a Z, e.g.
/// <c>2026-11-25T10:00:00Z</c>.
/// </summary>
public sealed partial class UtcDateTimeJsonConverter : JsonConverter<DateTime>
{
    public const string Expected = "Expected an ISO-8601 date or date-time, e.g. 2026-11-25T10:00:00Z.";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return TryParse(text, out var parsed) ? parsed : throw new JsonFieldException(Expected);
    }

    /// <summary>The rules of JSON bodies, for query parameters too: a date or date-time, UTC when it has no offset.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        if (text is not null && IsoDate().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));

    public static string Format(DateTime value) =>
        UtcDateTime.AsUtc(value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoDate();
}
