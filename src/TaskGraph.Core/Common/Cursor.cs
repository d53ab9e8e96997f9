using System.Buffers.Text;
using System.Text.Json;

namespace TaskGraph.Core.Common;

/// <summary>
/// An opaque pagination cursor: a row's position in one order (its sort key values and id), so a page
/// continues after that row even when rows were inserted or deleted meanwhile. The order's signature
/// is inside, so a cursor cannot be replayed against another order.
/// </summary>
public sealed record Cursor(string Order, IReadOnlyList<JsonElement> Values)
{
    /// <summary>Well above any cursor we issue (five keys, a title of 200 escaped characters); bounds the work of decoding.</summary>
    public const int MaxLength = 4096;

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(Order, Values)));

    /// <summary>
    /// The <paramref name="count"/> values of a cursor issued for <paramref name="order"/>; anything else
    /// (not base64url, not JSON of our shape, another order or count) is a validation error on <paramref name="argument"/>.
    /// Callers check each value with the readers below.
    /// </summary>
    public static IReadOnlyList<JsonElement> Decode(string text, string order, int count, string argument)
    {
        if (text.Length <= MaxLength)
        {
            try
            {
                // Depth 2 is our shape ({"O": …, "V": [scalars]}): anything nested deeper fails fast.
                using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(text), new JsonDocumentOptions { MaxDepth = 2 });
                if (ValuesOf(document.RootElement, order, count) is { } values)
                {
                    return values;
                }
            }
            catch (Exception exception) when (exception is FormatException or JsonException or ArgumentException)
            {
                // Not one of ours: reported below like a cursor of another order.
            }
        }
        throw Invalid(argument);
    }

    public static DomainException Invalid(string argument) => DomainException.Invalid(
        argument,
        $"{argument} is not a cursor of this list and order: use a cursor from a page of the same query.",
        "Not a cursor of this list and order.");

    public static JsonElement Value<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>An instant written as UTC ticks.</summary>
    public static DateTime ReadInstant(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ticks) && ticks >= 0 && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : throw new FormatException("Not an instant.");

    public static int ReadInt32(JsonElement value, int min, int max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"Not a number from {min} to {max}.");

    public static string ReadString(JsonElement value, int maxLength)
    {
        string? text = null;
        try
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate (\ud800): not text at all.
        }
        // Escapes such as \u0000 decode to text no database takes as a parameter.
        return text is not null && text.Length <= maxLength && StorableText.IsValid(text)
            ? text
            : throw new FormatException($"Not a text of at most {maxLength} characters.");
    }

    public static bool ReadBoolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException("Not a boolean."),
    };

    private static List<JsonElement>? ValuesOf(JsonElement root, string order, int count)
    {
        if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Count() != 2
            || !root.TryGetProperty("O", out var o) || o.ValueKind != JsonValueKind.String || o.GetString() != order
            || !root.TryGetProperty("V", out var values) || values.ValueKind != JsonValueKind.Array || values.GetArrayLength() != count)
        {
            return null;
        }
        return values.EnumerateArray().Select(v => v.Clone()).ToList();
    }

    private sealed record Wire(string O, IReadOnlyList<JsonElement> V);
}
