using System.Globalization;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using Microsoft.Net.Http.Headers;
using TaskGraph.Api.Observability;
using TaskGraph.Schema;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP at <c>/graphql</c> (spec draft): POST <c>application/json</c> and GET with query
/// parameters, answered in <c>application/graphql-response+json</c> or <c>application/json</c> as the
/// client's Accept allows. Statuses come from <see cref="GraphQLStatusCodes"/>. Browsers' GETs never
/// get here: <see cref="GraphiQLMiddleware"/> answers them with the IDE first.
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
        var mediaType = GraphQLMediaTypes.Negotiate(request);
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

        var executer = context.RequestServices.GetRequiredService<IDocumentExecuter<TaskGraphSchema>>();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = graphQLRequest.Query;
            options.OperationName = graphQLRequest.OperationName;
            options.Variables = graphQLRequest.Variables;
            options.Extensions = graphQLRequest.Extensions;
            options.User = context.User;
            options.RequestServices = context.RequestServices;
            options.CancellationToken = cancellationToken;
            if (isGet)
            {
                // Both sets: a document from the cache skips the core rules but not this one.
                options.ValidationRules = (options.ValidationRules ?? DocumentValidator.CoreRules).Append(QueriesOnlyOverGetRule.Instance);
                options.CachedDocumentValidationRules = (options.CachedDocumentValidationRules ?? []).Append(QueriesOnlyOverGetRule.Instance);
            }
        });

        Record(context.RequestServices.GetRequiredService<TaskGraphMetrics>(), result);
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

    /// <summary>One count per operation the executer saw: its type (unknown when it failed before one was selected), outcome, first error code.</summary>
    private static void Record(TaskGraphMetrics metrics, ExecutionResult result)
    {
        var type = result.Operation?.Operation.ToString().ToLowerInvariant() ?? "unknown";
        var firstError = result.Errors is { Count: > 0 } errors ? errors[0] : null;
        metrics.GraphQLOperations.Add(1,
            new KeyValuePair<string, object?>("type", type),
            new KeyValuePair<string, object?>("outcome", firstError is null ? "success" : "error"),
            new KeyValuePair<string, object?>("error_code", firstError?.Code ?? "none"));
    }
}
