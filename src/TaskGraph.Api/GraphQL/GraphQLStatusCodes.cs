using GraphQL;
using GraphQL.Execution;
using TaskGraph.Schema;
using TaskGraph.Schema.Cost;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Every HTTP status /graphql answers, decided here and nowhere else (GraphQL over HTTP draft).
/// A <em>request error</em> is one that stopped the operation before execution (the result has no
/// <c>data</c>); a field error happens during execution and leaves partial or null data.
/// <code>
/// situation                                        graphql-response+json      application/json
/// -----------------------------------------------  -------------------------  ----------------
/// executed: data, with or without field errors     200                        200
/// any error SERVICE_UNAVAILABLE (database down)    503, Retry-After           503, Retry-After
/// request error RATE_LIMITED (cost budget, logins) 429, Retry-After           429, Retry-After
/// GET selecting a mutation                         405, Allow: POST           405, Allow: POST
/// request error AUTH_NOT_AUTHENTICATED             401, WWW-Authenticate      200
/// request error AUTH_NOT_AUTHORIZED                403                        200
/// request error QUERY_TOO_COMPLEX                  400                        200
/// other request error (parse, validation,          400 (DocumentError)        200
///   variable coercion, unknown operationName)
/// unhandled failure before execution               500                        500
/// -- transport, before any GraphQL (both media types, GraphQL-shaped body, code BAD_REQUEST) --
/// method other than GET/POST: 405, Allow: GET, POST; nothing acceptable in Accept: 406;
/// POST not application/json (UTF-8): 415; body over the limit: 413; malformed JSON, missing
/// query, wrong parameter types: 400.
/// </code>
/// With <c>application/json</c> the spec asks for 200 for every well-formed request, because legacy
/// clients only read the body of a 200; the 405 for GET mutations is required whatever the media type.
/// A 500 or 503 is the server's fault, not the request's, and a 429 is the contract's answer to a
/// limited request on every route, so none of them is hidden behind a 200 either.
/// </summary>
public static class GraphQLStatusCodes
{
    /// <summary>
    /// Parse and validation failures with <c>application/graphql-response+json</c>. The spec draft
    /// is moving to 422; switching is this one line.
    /// </summary>
    public const int DocumentError = StatusCodes.Status400BadRequest;

    /// <summary>The seconds a 429 or 503 asks the client to wait (its error's <c>extensions.retryAfter</c>), or null.</summary>
    public static int? RetryAfter(ExecutionResult result) =>
        result.Errors?.Select(e => e.Extensions?.TryGetValue(CostThrottleListener.RetryAfterExtension, out var seconds) == true ? seconds as int? : null)
            .FirstOrDefault(seconds => seconds is not null);

    public static int For(ExecutionResult result, string mediaType)
    {
        var errors = result.Errors;
        if (errors is null || errors.Count == 0)
        {
            return StatusCodes.Status200OK;
        }
        if (errors.Any(e => e.Code == ErrorCodes.ServiceUnavailable))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }
        if (result.Executed)
        {
            return StatusCodes.Status200OK;
        }
        if (errors.Any(e => e.Code == ErrorCodes.RateLimited))
        {
            return StatusCodes.Status429TooManyRequests;
        }
        if (errors.Any(e => e is NonQueryOverGetError))
        {
            return StatusCodes.Status405MethodNotAllowed;
        }
        if (errors.Any(e => e is UnhandledError || e.Code == ErrorCodes.Internal))
        {
            return StatusCodes.Status500InternalServerError;
        }
        if (mediaType != GraphQLMediaTypes.GraphQLResponseJson)
        {
            return StatusCodes.Status200OK;
        }
        // Who you are before what you may do before what you asked: a client fixes them in that order.
        if (errors.Any(e => e.Code == ErrorCodes.NotAuthenticated))
        {
            return StatusCodes.Status401Unauthorized;
        }
        if (errors.Any(e => e.Code == ErrorCodes.NotAuthorized))
        {
            return StatusCodes.Status403Forbidden;
        }
        return errors.Any(e => e.Code == ErrorCodes.QueryTooComplex) ? StatusCodes.Status400BadRequest : DocumentError;
    }
}
