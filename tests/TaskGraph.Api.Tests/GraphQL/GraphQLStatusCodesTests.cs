using GraphQL;
using GraphQL.Execution;
using TaskGraph.Api.GraphQL;
using TaskGraph.Schema;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>The status table, row by row, including the rows the placeholder schema cannot trigger over HTTP yet.</summary>
public sealed class GraphQLStatusCodesTests
{
    private const string GraphQLResponse = GraphQLMediaTypes.GraphQLResponseJson;
    private const string Json = GraphQLMediaTypes.Json;

    [Theory]
    [InlineData(ErrorCodes.NotAuthenticated, GraphQLResponse, 401)]
    [InlineData(ErrorCodes.NotAuthorized, GraphQLResponse, 403)]
    [InlineData(ErrorCodes.QueryTooComplex, GraphQLResponse, 400)]
    [InlineData(ErrorCodes.ValidationFailed, GraphQLResponse, GraphQLStatusCodes.DocumentError)]
    [InlineData(ErrorCodes.NotAuthenticated, Json, 200)]
    [InlineData(ErrorCodes.NotAuthorized, Json, 200)]
    [InlineData(ErrorCodes.QueryTooComplex, Json, 200)]
    [InlineData(ErrorCodes.Internal, GraphQLResponse, 500)]
    [InlineData(ErrorCodes.Internal, Json, 500)]
    public void A_request_error_maps_by_its_code_and_the_media_type(string code, string mediaType, int expected)
    {
        var result = new ExecutionResult { Executed = false, Errors = [new ExecutionError("no") { Code = code }] };

        Assert.Equal(expected, GraphQLStatusCodes.For(result, mediaType));
    }

    [Fact]
    public void Not_authenticated_outranks_not_authorized_outranks_the_rest()
    {
        var result = new ExecutionResult
        {
            Executed = false,
            Errors = [new ExecutionError("a") { Code = ErrorCodes.QueryTooComplex }, new ExecutionError("b") { Code = ErrorCodes.NotAuthorized }, new ExecutionError("c") { Code = ErrorCodes.NotAuthenticated }],
        };

        Assert.Equal(401, GraphQLStatusCodes.For(result, GraphQLResponse));
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public void An_unhandled_error_before_execution_is_500_and_field_errors_after_it_are_200(string mediaType)
    {
        var before = new ExecutionResult { Executed = false, Errors = [new UnhandledError("boom", new InvalidOperationException())] };
        var during = new ExecutionResult { Executed = true, Data = new Dictionary<string, object?> { ["me"] = null }, Errors = [new ExecutionError("field") { Code = ErrorCodes.NotAuthenticated }] };

        Assert.Equal(500, GraphQLStatusCodes.For(before, mediaType));
        Assert.Equal(200, GraphQLStatusCodes.For(during, mediaType));
    }
}
