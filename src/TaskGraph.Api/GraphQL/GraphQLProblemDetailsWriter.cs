namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Turns the app's problem details into GraphQL-shaped errors at <c>/graphql</c>, where the contract
/// wants <c>{"errors":[…]}</c>, never problem+json. The exception handler (masked 500s, after it has
/// logged them) and the status code pages (the body limit's 413) write through the problem details
/// service, so registering this writer before the default one covers every answer the endpoint
/// does not write itself. Except 429: the contract has a rate-limited GraphQL request answered "like
/// any other route" (problem details with <c>detail</c> and <c>retry_after</c>), so that one stays.
/// </summary>
public sealed class GraphQLProblemDetailsWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) =>
        context.HttpContext.Request.Path.Equals(GraphiQLMiddleware.EndpointPath, StringComparison.OrdinalIgnoreCase)
        && (context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode) != StatusCodes.Status429TooManyRequests;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        // Exception text never reaches a client, and a 5xx detail is never more than the generic sentence.
        var message = status < 500 && context.ProblemDetails.Detail is { } detail ? detail : GraphQLErrorResponse.ReasonFor(status);
        return new ValueTask(GraphQLErrorResponse.WriteAsync(http, status, GraphQLErrorResponse.CodeFor(status), message));
    }
}
