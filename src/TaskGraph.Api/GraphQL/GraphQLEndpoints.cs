using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.Net.Http.Headers;
using TaskGraph.Api.GraphQL.Subscriptions;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// GraphQL at <c>/graphql</c>: over HTTP (spec draft) POST <c>application/json</c> and GET with query
/// parameters, answered in <c>application/graphql-response+json</c> or <c>application/json</c> as the
/// client's Accept allows, with statuses from <see cref="GraphQLStatusCodes"/>; WebSocket upgrades
/// (<see cref="GraphQLWebSocketHandler"/>) and <c>Accept: text/event-stream</c> POSTs
/// (<see cref="GraphQLSseHandler"/>) for subscriptions. Browsers' GETs never get here:
/// <see cref="GraphiQLMiddleware"/> answers them with the IDE first.
/// </summary>
public static class GraphQLEndpoints
{
    public const string SchemaPath = "/graphql/schema.graphql";

    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapGet(SchemaPath, (TaskGraphSchema schema) => Results.Text(schema.Print(), "text/plain; charset=utf-8"))
            .ExcludeFromDescription();
        // Every method, so the 405s for PUT, DELETE… are GraphQL-shaped and list what is allowed.
        app.Map(GraphiQLMiddleware.EndpointPath, HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            await context.RequestServices.GetRequiredService<GraphQLWebSocketHandler>().HandleAsync(context);
            return;
        }
        var request = context.Request;
        var response = context.Response;
        var cancellationToken = context.RequestAborted;
        response.Headers.Vary = HeaderNames.Accept;

        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            response.Headers.Allow = "GET, POST";
            await FailAsync(context, StatusCodes.Status405MethodNotAllowed, $"{request.Method} is not allowed on /graphql: send queries with GET or POST, mutations with POST.");
            return;
        }
        var eventStream = GraphQLSseHandler.IsRequested(request);
        var mediaType = eventStream ? GraphQLMediaTypes.Json : GraphQLMediaTypes.Negotiate(request);
        if (mediaType is null)
        {
            await FailAsync(context, StatusCodes.Status406NotAcceptable, $"Accept must allow {GraphQLMediaTypes.GraphQLResponseJson} or {GraphQLMediaTypes.Json}.");
            return;
        }
        if (!isGet && !IsJsonUtf8(request))
        {
            await FailAsync(context, StatusCodes.Status415UnsupportedMediaType, "Send the GraphQL request as application/json (UTF-8).");
            return;
        }

        var serializer = context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        GraphQLRequest graphQLRequest;
        try
        {
            graphQLRequest = isGet
                ? GraphQLRequestReader.FromQuery(request.Query, serializer)
                : await GraphQLRequestReader.FromBodyAsync(request.Body, serializer, cancellationToken);
        }
        catch (InvalidGraphQLRequestException invalid)
        {
            await FailAsync(context, StatusCodes.Status400BadRequest, invalid.Message);
            return;
        }
        catch (BadHttpRequestException bad) // Kestrel's body limit on a chunked body: 413
        {
            await FailAsync(context, bad.StatusCode, GraphQLErrorResponse.ReasonFor(bad.StatusCode));
            return;
        }

        if (eventStream)
        {
            await context.RequestServices.GetRequiredService<GraphQLSseHandler>().HandleAsync(context, graphQLRequest);
            return;
        }
        var result = await context.RequestServices.GetRequiredService<GraphQLExecution>().ExecuteAsync(
            graphQLRequest, context.User, context.RequestServices, "http", options =>
            {
                if (isGet)
                {
                    // Both sets: a document from the cache skips the core rules but not this one.
                    options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(QueriesOnlyOverGetRule.Instance);
                    options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(QueriesOnlyOverGetRule.Instance);
                }
            }, cancellationToken);
        if (result.Streams is not null)
        {
            // Nothing was subscribed (source streams start when subscribed), so nothing is left running.
            await FailAsync(context, StatusCodes.Status400BadRequest, "Subscriptions need a WebSocket (graphql-transport-ws) or Server-Sent Events (POST with Accept: text/event-stream).");
            return;
        }

        var status = GraphQLStatusCodes.For(result, mediaType);
        response.StatusCode = status;
        if (status == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = "POST";
        }
        else if (status == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }
        else if (GraphQLStatusCodes.RetryAfter(result) is { } seconds && status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        response.ContentType = GraphQLMediaTypes.ContentTypeFor(mediaType);
        await serializer.WriteAsync(response.Body, result, cancellationToken);
    }

    private static Task FailAsync(HttpContext context, int status, string message) =>
        GraphQLErrorResponse.WriteAsync(context, status, GraphQLErrorResponse.CodeFor(status), message);

    /// <summary>application/json, with no charset or UTF-8 (JSON has no other encoding, RFC 8259).</summary>
    private static bool IsJsonUtf8(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        && contentType.MediaType.Equals(GraphQLMediaTypes.Json, StringComparison.OrdinalIgnoreCase)
        && (!contentType.Charset.HasValue || contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
}
