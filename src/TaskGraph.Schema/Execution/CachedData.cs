using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskGraph.Schema.Execution;

/// <summary>A response's <c>data</c> as the JSON bytes an earlier execution wrote; serialized as they are.</summary>
[JsonConverter(typeof(Converter))]
public sealed class CachedData(ReadOnlyMemory<byte> json)
{
    public ReadOnlyMemory<byte> Json { get; } = json;

    private sealed class Converter : JsonConverter<CachedData>
    {
        public override CachedData Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Cached data is only written.");

        public override void Write(Utf8JsonWriter writer, CachedData value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
    }
}
