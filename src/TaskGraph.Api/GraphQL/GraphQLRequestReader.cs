using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.Extensions.Primitives;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Reads <c>{query, operationName, variables, extensions}</c> from a POST body, a GET query string or a WebSocket message
/// and checks each parameter's type, so a wrong type is a 400 that names the parameter (the spec's
/// "invalid parameters") rather than a serializer's message or a silently ignored value.
/// </summary>
public static class GraphQLRequestReader
{
    private static readonly string[] Parameters = ["query", "operationName", "variables", "extensions"];

    public static async Task<GraphQLRequest> FromBodyAsync(Stream body, IGraphQLTextSerializer serializer, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException)
        {
            throw new InvalidGraphQLRequestException("The request body is not valid JSON.");
        }
        using (document)
        {
            return FromElement(document.RootElement, serializer);
        }
    }

    /// <summary>A request object already parsed: the body of a POST, or the payload of a WebSocket subscribe message.</summary>
    public static GraphQLRequest FromElement(JsonElement root, IGraphQLTextSerializer serializer)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidGraphQLRequestException("The request must be a JSON object {query, operationName, variables, extensions}; batches are not supported.");
        }
        return new GraphQLRequest
        {
            Query = StringProperty(root, "query") ?? throw Missing(),
            OperationName = StringProperty(root, "operationName"),
            Variables = ObjectProperty(root, "variables", serializer),
            Extensions = ObjectProperty(root, "extensions", serializer),
        };
    }

    public static GraphQLRequest FromQuery(IQueryCollection query, IGraphQLTextSerializer serializer)
    {
        foreach (var name in Parameters)
        {
            if (query[name].Count > 1)
            {
                throw new InvalidGraphQLRequestException($"The '{name}' parameter must appear at most once.");
            }
        }
        return new GraphQLRequest
        {
            Query = Single(query["query"]) ?? throw Missing(),
            OperationName = Single(query["operationName"]),
            Variables = JsonObjectParameter(query["variables"], "variables", serializer),
            Extensions = JsonObjectParameter(query["extensions"], "extensions", serializer),
        };
    }

    private static InvalidGraphQLRequestException Missing() => new("The 'query' parameter is required and must be a string.");

    private static string? Single(StringValues values) => values.Count == 0 ? null : values[0];

    private static string? StringProperty(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new InvalidGraphQLRequestException($"The '{name}' parameter must be a string.");

    private static Inputs? ObjectProperty(JsonElement root, string name, IGraphQLTextSerializer serializer) =>
        !root.TryGetProperty(name, out var value) ? null : ToInputs(value, name, serializer);

    /// <summary>GET carries variables and extensions as JSON text; an empty value counts as absent.</summary>
    private static Inputs? JsonObjectParameter(StringValues values, string name, IGraphQLTextSerializer serializer)
    {
        var text = Single(values);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return ToInputs(document.RootElement, name, serializer);
        }
        catch (JsonException)
        {
            throw new InvalidGraphQLRequestException($"The '{name}' parameter is not valid JSON.");
        }
    }

    private static Inputs? ToInputs(JsonElement value, string name, IGraphQLTextSerializer serializer) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => serializer.Deserialize<Inputs>(value.GetRawText()),
        _ => throw new InvalidGraphQLRequestException($"The '{name}' parameter must be a JSON object."),
    };
}
