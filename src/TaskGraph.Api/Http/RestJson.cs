using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskGraph.Api.Http;

/// <summary>REST JSON: snake_case names and enum values (the original service's shape), UTC instants.</summary>
public static class RestJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // A number sent as a string is a wrong type (422), and OpenAPI then says integer, not integer-or-string.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcDateTimeJsonConverter());
        options.Converters.Add(new OptionalJsonConverterFactory());
        // Generated metadata first; reflection stays behind it for the framework's own types (ProblemDetails).
        options.TypeInfoResolverChain.Insert(0, RestJsonContext.Default);
        return options;
    }
}
