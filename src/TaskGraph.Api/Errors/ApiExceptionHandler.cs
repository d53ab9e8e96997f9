using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Errors;

/// <summary>
/// Maps client mistakes to their status (domain errors by kind, unreadable bodies to 422) and an
/// unreachable database to 503; anything else is left to the exception middleware, a logged, masked 500.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problemDetails, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private const string MissingBody = "The request body is missing or could not be read as JSON.";
    private const string NotJson = "The request body is not valid JSON.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            _ when DatabaseOutage.Is(exception) => DatabaseUnavailable(httpContext, exception),
            // The form reader's refusals (a control character such as %00 in a value, too many fields) are the client's.
            InvalidDataException invalid when httpContext.Request.HasFormContentType =>
                Unprocessable($"The form is invalid: {invalid.Message}", new Dictionary<string, string[]> { ["body"] = [invalid.Message] }),
            BadHttpRequestException { InnerException: JsonException invalid } => await InvalidBodyAsync(httpContext, invalid, cancellationToken),
            JsonException invalid => await InvalidBodyAsync(httpContext, invalid, cancellationToken),
            // Query and route values are bound as text or constrained, so a 400 from binding is about the body.
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } => Unprocessable(MissingBody, new Dictionary<string, string[]> { ["body"] = [MissingBody] }),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails DatabaseUnavailable(HttpContext httpContext, Exception exception)
    {
        // A warning, not an error: the service is fine and tells clients when to come back; health checks show the outage.
        LogDatabaseUnavailable(logger, exception.GetType().Name, exception.Message);
        httpContext.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Detail = $"The database is unavailable right now. Try again in {DatabaseOutage.RetryAfterSeconds} seconds.",
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable, answered 503: {ExceptionType}: {Reason}")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string exceptionType, string reason);

    public static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.StaleVersion => StatusCodes.Status412PreconditionFailed,
        ErrorKind.InvalidCredentials => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.UpstreamUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static ProblemDetails FromDomain(DomainException exception) => exception.Kind == ErrorKind.Validation
        ? Unprocessable(exception.Message, exception.Errors)
        : new ProblemDetails { Status = StatusFor(exception.Kind), Detail = exception.Message };

    private async Task<HttpValidationProblemDetails> InvalidBodyAsync(HttpContext httpContext, JsonException exception, CancellationToken cancellationToken)
    {
        // A syntax error wraps the reader's exception; otherwise "$.priority" names the first field whose value did not fit.
        var field = exception.InnerException is JsonException || exception.Path is not { Length: > 2 } path ? null : path[2..];
        if (field is null)
        {
            return Unprocessable(NotJson, new Dictionary<string, string[]> { ["body"] = [NotJson] });
        }
        var message = exception is JsonFieldException ? exception.Message : JsonBodyErrors.GenericMessage;
        var errors = await JsonBodyErrors.CollectAsync(httpContext, json.Value.SerializerOptions, cancellationToken)
            ?? new Dictionary<string, string[]> { [field] = [message] };
        var detail = errors.Count == 1
            ? $"The value of '{errors.Keys.Single()}' is not valid: {errors.Values.Single()[0]}"
            : $"The values of {string.Join(", ", errors.Keys.Select(k => $"'{k}'"))} are not valid.";
        return Unprocessable(detail, errors);
    }

    private static HttpValidationProblemDetails Unprocessable(string detail, IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Unprocessable Content",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#name-422-unprocessable-content",
            Detail = detail,
        };
}
