namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Writes the problem details of <c>/graphql</c> (masked 500s, the body limit's 413) as GraphQL-shaped
/// errors, as the contract wants there. Except 429, which the contract answers like any other route.
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
