using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using TaskGraph.Api.GraphQL;

namespace TaskGraph.Api.Errors;

/// <summary>
/// One error format for every non-GraphQL route: RFC 9457 problem details with a human
/// <c>detail</c> (what the original service's clients read) and the request id.
/// </summary>
public static class ErrorExtensions
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // Before the default writer (writers are tried in registration order): /graphql errors are GraphQL-shaped.
        services.AddSingleton<IProblemDetailsWriter, GraphQLProblemDetailsWriter>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var http = context.HttpContext;
            problem.Status ??= http.Response.StatusCode;
            problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
            problem.Instance ??= http.Request.PathBase + http.Request.Path;
            problem.Detail ??= DefaultDetail(problem.Status.Value, http);
            problem.Extensions["request_id"] = http.TraceIdentifier;
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>Problem bodies for responses that would otherwise be empty (401 from the bearer handler, unknown routes, 405 …).</summary>
    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.UseExceptionHandler().UseStatusCodePages();

    private static string DefaultDetail(int status, HttpContext http) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be understood.",
        StatusCodes.Status401Unauthorized => "Authentication is required: send a valid bearer token (POST /v1/auth/login).",
        StatusCodes.Status403Forbidden => "You do not have permission to do this.",
        StatusCodes.Status404NotFound => $"No resource was found at {http.Request.Path}.",
        StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not allowed on {http.Request.Path}.",
        StatusCodes.Status413PayloadTooLarge => EndpointOf(http)?.Metadata.GetMetadata<EndpointBodyLimit>()?.TooLargeDetail
            ?? $"The request body is larger than the {RequestBodyLimit.MaxBytes / 1024} KiB limit.",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
        StatusCodes.Status500InternalServerError => "An unexpected error occurred. Quote the request id when reporting it.",
        StatusCodes.Status503ServiceUnavailable => "The service is temporarily unavailable. Try again later.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    /// <summary>The endpoint the request was routed to; the exception handler clears it before writing the error, but keeps it in its feature.</summary>
    private static Endpoint? EndpointOf(HttpContext http) => http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint;

    /// <summary>Rejects bodies over the limit up front with 413; keeps bound JSON bodies readable again for <see cref="JsonBodyErrors"/>.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // An endpoint that streams large uploads (the task import) names its own limit.
        var maxBytes = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? RequestBodyLimit.MaxBytes;
        if (context.Request.ContentLength > maxBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }
        JsonBodyErrors.BufferBindableBody(context);
        return next(context);
    });
}
