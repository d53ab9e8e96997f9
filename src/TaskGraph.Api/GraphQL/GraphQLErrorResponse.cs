using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL;

public static class GraphQLErrorResponse
{
    // Relaxed escaping: the body is JSON for API clients, never embedded in HTML, so ' and + stay readable.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes <c>{"errors":[{"message","extensions":{"code","requestId"}}]}</c> with the given status,
    /// in the negotiated media type (<c>application/json</c> when none was acceptable).
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = GraphQLMediaTypes.ContentTypeFor(GraphQLMediaTypes.Negotiate(context.Request) ?? GraphQLMediaTypes.Json);
        response.Headers.Vary = "Accept";
        var body = new GraphQLErrorBody([new GraphQLErrorEntry(message, new GraphQLErrorExtensions(code, context.TraceIdentifier))]);
        return JsonSerializer.SerializeAsync(response.Body, body, Options, context.RequestAborted);
    }

    /// <summary>The code for a status the endpoint did not choose itself (500 from the exception handler, 413 from the body limit…).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status503ServiceUnavailable => ErrorCodes.ServiceUnavailable,
        >= 500 => ErrorCodes.Internal,
        StatusCodes.Status401Unauthorized => ErrorCodes.NotAuthenticated,
        StatusCodes.Status403Forbidden => ErrorCodes.NotAuthorized,
        StatusCodes.Status404NotFound => ErrorCodes.NotFound,
        _ => ErrorCodes.BadRequest,
    };

    public static string ReasonFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the {Errors.RequestBodyLimit.MaxBytes / 1024} KiB limit.",
        StatusCodes.Status503ServiceUnavailable => Schema.Execution.DomainErrorMiddleware.DatabaseUnavailableMessage,
        >= 500 => "An unexpected error occurred. Quote the request id when reporting it.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
