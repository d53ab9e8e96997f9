using System.Buffers.Text;
using System.Text.Json;

namespace TaskGraph.Core.Common;

/// <summary>
/// An opaque pagination cursor: the position of a row in one particular order (its sort key values
/// and id), so a page continues after that row even when rows were inserted or deleted meanwhile.
/// The order's signature is inside, so a cursor cannot be replayed against a different order.
/// </summary>
public sealed record Cursor(string Order, IReadOnlyList<JsonElement> Values)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(Order, Values)));

    /// <summary>Decodes a cursor for this order; anything else is a validation error on <paramref name="argument"/>.</summary>
    public static Cursor Decode(string text, string order, string argument)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire?.O == order && wire.V is { } values)
            {
                return new Cursor(order, values);
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            // Not one of ours: reported below like a cursor of another order.
        }
        throw Invalid(argument);
    }

    public static DomainException Invalid(string argument) => DomainException.Invalid(
        argument,
        $"{argument} is not a cursor of this list and order: use a cursor from a page of the same query.",
        "Not a cursor of this list and order.");

    public static JsonElement Value<T>(T value) => JsonSerializer.SerializeToElement(value);

    private sealed record Wire(string O, IReadOnlyList<JsonElement> V);
}
