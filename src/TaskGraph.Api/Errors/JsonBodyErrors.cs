using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using TaskGraph.Api.Http;

namespace TaskGraph.Api.Errors;

/// <summary>
/// System.Text.Json stops at the first value that does not fit, so a body with several wrong fields
/// would report one. When binding fails, the buffered body is read again and each field of the
/// endpoint's request type is checked on its own, so the 422 lists every field that does not fit.
/// </summary>
public static class JsonBodyErrors
{
    public const string GenericMessage = "The value has the wrong type or format.";

    /// <summary>Keeps JSON bodies of endpoints that bind one readable a second time (bounded by <see cref="RequestBodyLimit"/>).</summary>
    public static void BufferBindableBody(HttpContext context)
    {
        if (context.Request.HasJsonContentType() && RequestType(context) is not null)
        {
            context.Request.EnableBuffering();
        }
    }

    /// <summary>Every top-level field whose value does not fit its type, or null when that cannot be told.</summary>
    public static async Task<Dictionary<string, string[]>?> CollectAsync(HttpContext context, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        if (RequestType(context) is not { } type || !context.Request.Body.CanSeek)
        {
            return null;
        }
        context.Request.Body.Position = 0;
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var properties = options.GetTypeInfo(type).Properties;
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            foreach (var field in document.RootElement.EnumerateObject())
            {
                if (properties.FirstOrDefault(p => string.Equals(p.Name, field.Name, comparison)) is { } property
                    && Check(field.Value, property, options) is { } message)
                {
                    errors[property.Name] = [message];
                }
            }
            return errors.Count > 0 ? errors : null;
        }
    }

    private static string? Check(JsonElement value, JsonPropertyInfo property, JsonSerializerOptions options)
    {
        try
        {
            value.Deserialize(property.PropertyType, options);
            return null;
        }
        catch (JsonFieldException exception)
        {
            return exception.Message;
        }
        catch (JsonException)
        {
            return GenericMessage;
        }
    }

    // The exception handler clears the endpoint before handlers run; its feature keeps it.
    private static Type? RequestType(HttpContext context) =>
        (context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
}
