using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Schema;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>GraphQL over HTTP at /graphql, at the HTTP level: methods, media types, statuses, error shape.</summary>
public sealed class GraphQLHttpTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private const string Json = "application/json";
    private const string TwoOperations = "query A($flag: Boolean!) { ping: __typename @include(if: $flag) } query B { __typename }";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_POST_query_returns_data()
    {
        var response = await PostAsync(new { query = "{ ping: __typename }" });

        var body = await AssertJsonAsync(response, HttpStatusCode.OK, Json);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("ping").GetString());
        Assert.False(body.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task A_GET_query_returns_data()
    {
        var response = await GetAsync("/graphql?query=" + Uri.EscapeDataString("{ ping: __typename }"), GraphQLResponse);

        var body = await AssertJsonAsync(response, HttpStatusCode.OK, GraphQLResponse);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("ping").GetString());
    }

    [Theory]
    [InlineData(GraphQLResponse)]
    [InlineData(Json)]
    public async Task A_GET_mutation_is_405_allowing_only_POST_and_is_not_executed(string accept)
    {
        var response = await GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { ping: __typename }"), accept);

        var body = await AssertJsonAsync(response, HttpStatusCode.MethodNotAllowed, accept);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.False(body.TryGetProperty("data", out _));
        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task A_GET_selecting_the_mutation_of_a_mixed_document_is_405_and_its_query_is_fine()
    {
        const string document = "query Q { ping: __typename } mutation M { ping: __typename }";
        var url = "/graphql?query=" + Uri.EscapeDataString(document);

        var query = await GetAsync(url + "&operationName=Q", GraphQLResponse);
        var mutation = await GetAsync(url + "&operationName=M", GraphQLResponse);

        await AssertJsonAsync(query, HttpStatusCode.OK, GraphQLResponse);
        await AssertJsonAsync(mutation, HttpStatusCode.MethodNotAllowed, GraphQLResponse);
    }

    [Fact]
    public async Task A_GET_mutation_is_405_also_when_the_same_document_ran_before_so_a_document_cache_cannot_bypass_the_rule()
    {
        const string document = "mutation Cached { ping: __typename }";
        var url = "/graphql?query=" + Uri.EscapeDataString(document);

        // Executed (and cached, where a document cache is configured) by a POST first, then asked for by GET twice.
        await AssertJsonAsync(await PostAsync(new { query = document }, GraphQLResponse), HttpStatusCode.OK, GraphQLResponse);
        var first = await GetAsync(url, GraphQLResponse);
        var second = await GetAsync(url, GraphQLResponse);

        await AssertJsonAsync(first, HttpStatusCode.MethodNotAllowed, GraphQLResponse);
        await AssertJsonAsync(second, HttpStatusCode.MethodNotAllowed, GraphQLResponse);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Other_methods_are_405_allowing_GET_and_POST(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/graphql") { Content = JsonContent.Create(new { query = "{ ping: __typename }" }) };

        var response = await _client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, ErrorCodes.BadRequest);
        Assert.Equal(["GET", "POST"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(GraphQLResponse, GraphQLResponse)]
    [InlineData(Json, Json)]
    [InlineData("*/*", Json)]
    [InlineData(null, Json)]
    [InlineData("application/*", Json)]
    [InlineData("application/graphql-response+json, application/json", GraphQLResponse)]
    [InlineData("application/json, application/graphql-response+json", GraphQLResponse)]
    [InlineData("application/graphql-response+json, application/json;q=0.9", GraphQLResponse)]
    [InlineData("application/graphql-response+json;q=0.5, application/json", Json)]
    [InlineData("application/json;q=0.1, */*;q=0.5", GraphQLResponse)]
    [InlineData("text/html, application/json;q=0.8", Json)]
    [InlineData("application/graphql-response+json;q=0, */*", Json)]
    public async Task The_response_media_type_follows_Accept_with_its_q_values(string? accept, string expected)
    {
        var response = await PostAsync(new { query = "{ ping: __typename }" }, accept);

        await AssertJsonAsync(response, HttpStatusCode.OK, expected);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("application/json;q=0")]
    [InlineData("application/graphql-response+json;q=0, application/json;q=0")]
    [InlineData("*/*;q=0")]
    public async Task Nothing_acceptable_is_406(string accept)
    {
        var response = await PostAsync(new { query = "{ ping: __typename }" }, accept);

        await AssertErrorAsync(response, HttpStatusCode.NotAcceptable, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Every_answer_varies_by_Accept()
    {
        var ok = await PostAsync(new { query = "{ ping: __typename }" });
        var invalid = await PostAsync(new { query = "{ nope }" }, GraphQLResponse);
        var transport = await PostAsync(new { }, GraphQLResponse);

        Assert.All([ok, invalid, transport], response => Assert.Contains("Accept", response.Headers.Vary));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/graphql")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task A_POST_body_that_is_not_UTF8_JSON_is_415(string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"query":"{ ping: __typename }"}"""));
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var response = await _client.PostAsync("/graphql", content);

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, ErrorCodes.BadRequest);
    }

    [Fact]
    public async Task Application_json_with_a_UTF8_charset_is_accepted()
    {
        var content = new StringContent("""{"query":"{ ping: __typename }"}""", Encoding.UTF8, Json);
        Assert.Equal("utf-8", content.Headers.ContentType?.CharSet);

        var response = await _client.PostAsync("/graphql", content);

        await AssertJsonAsync(response, HttpStatusCode.OK, Json);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_in_the_GraphQL_error_shape()
    {
        var query = "{ ping: __typename }" + new string(' ', 1024 * 1024 + 1);

        var response = await PostAsync(new { query }, GraphQLResponse);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.BadRequest);
    }

    [Theory]
    [InlineData("""{"query":""", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("""[{"query":"{ ping: __typename }"}]""", "JSON object")]
    [InlineData("\"{ ping: __typename }\"", "JSON object")]
    [InlineData("{}", "'query'")]
    [InlineData("""{"query":null}""", "'query'")]
    [InlineData("""{"operationName":"A"}""", "'query'")]
    [InlineData("""{"query":1}""", "'query'")]
    [InlineData("""{"query":{"a":1}}""", "'query'")]
    [InlineData("""{"query":"{ ping: __typename }","operationName":1}""", "'operationName'")]
    [InlineData("""{"query":"{ ping: __typename }","variables":"{}"}""", "'variables'")]
    [InlineData("""{"query":"{ ping: __typename }","variables":[]}""", "'variables'")]
    [InlineData("""{"query":"{ ping: __typename }","extensions":1}""", "'extensions'")]
    public async Task A_body_that_is_not_a_GraphQL_request_is_400_whatever_the_media_type(string body, string mentions)
    {
        foreach (var accept in new[] { GraphQLResponse, Json })
        {
            var response = await PostRawAsync(body, accept);

            var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
            Assert.Contains(mentions, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/graphql", "'query'")]
    [InlineData("/graphql?operationName=A", "'query'")]
    [InlineData("/graphql?query=%7Bping%3A__typename%7D&query=%7Bping%3A__typename%7D", "at most once")]
    [InlineData("/graphql?query=%7Bping%3A__typename%7D&variables=%7Bnope", "'variables'")]
    [InlineData("/graphql?query=%7Bping%3A__typename%7D&variables=%5B%5D", "'variables'")]
    [InlineData("/graphql?query=%7Bping%3A__typename%7D&extensions=1", "'extensions'")]
    public async Task A_GET_that_is_not_a_GraphQL_request_is_400(string url, string mentions)
    {
        var response = await GetAsync(url, GraphQLResponse);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.BadRequest);
        Assert.Contains(mentions, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_operationName_variables_and_extensions_are_allowed()
    {
        var response = await PostRawAsync("""{"query":"{ ping: __typename }","operationName":null,"variables":null,"extensions":null}""", GraphQLResponse);

        await AssertJsonAsync(response, HttpStatusCode.OK, GraphQLResponse);
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_parse_error_is_400_with_graphql_response_json_and_200_with_application_json(string accept, HttpStatusCode expected)
    {
        var response = await PostAsync(new { query = "{ ping: __typename " }, accept);

        var body = await AssertJsonAsync(response, expected, accept);
        Assert.False(body.TryGetProperty("data", out _));
        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
    }

    [Theory]
    [InlineData(GraphQLResponse, HttpStatusCode.BadRequest)]
    [InlineData(Json, HttpStatusCode.OK)]
    public async Task A_validation_error_is_400_with_graphql_response_json_and_200_with_application_json(string accept, HttpStatusCode expected)
    {
        var response = await PostAsync(new { query = "{ ping: __typename nope }" }, accept);

        var body = await AssertJsonAsync(response, expected, accept);
        Assert.False(body.TryGetProperty("data", out _));
        Assert.Contains("nope", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_document_parse_error_status_is_a_single_constant()
    {
        // The spec draft is moving parse and validation failures to 422; the mapper keeps it in one place.
        Assert.Equal(400, TaskGraph.Api.GraphQL.GraphQLStatusCodes.DocumentError);
        var response = await PostAsync(new { query = "{" }, GraphQLResponse);
        Assert.Equal(TaskGraph.Api.GraphQL.GraphQLStatusCodes.DocumentError, (int)response.StatusCode);
    }

    [Fact]
    public async Task OperationName_selects_the_operation_and_variables_reach_it()
    {
        var included = await PostAsync(new { query = TwoOperations, operationName = "A", variables = new { flag = true } });
        var skipped = await PostAsync(new { query = TwoOperations, operationName = "A", variables = new { flag = false } });
        var other = await PostAsync(new { query = TwoOperations, operationName = "B" });

        Assert.Equal("Query", (await AssertJsonAsync(included, HttpStatusCode.OK, Json)).GetProperty("data").GetProperty("ping").GetString());
        Assert.False((await AssertJsonAsync(skipped, HttpStatusCode.OK, Json)).GetProperty("data").TryGetProperty("ping", out _));
        Assert.Equal("Query", (await AssertJsonAsync(other, HttpStatusCode.OK, Json)).GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_GET_carries_operationName_and_variables_as_query_parameters()
    {
        var url = "/graphql?query=" + Uri.EscapeDataString(TwoOperations) + "&operationName=A&variables=" + Uri.EscapeDataString("""{"flag":true}""");

        var body = await AssertJsonAsync(await GetAsync(url, GraphQLResponse), HttpStatusCode.OK, GraphQLResponse);

        Assert.Equal("Query", body.GetProperty("data").GetProperty("ping").GetString());
    }

    [Theory]
    [InlineData(null)] // two operations and no name: which one is ambiguous
    [InlineData("C")]
    public async Task An_operationName_that_selects_nothing_is_a_request_error(string? operationName)
    {
        var response = await PostAsync(new { query = TwoOperations, operationName }, GraphQLResponse);

        var body = await AssertJsonAsync(response, HttpStatusCode.BadRequest, GraphQLResponse);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task A_missing_required_variable_is_a_request_error()
    {
        var response = await PostAsync(new { query = TwoOperations, operationName = "A" }, GraphQLResponse);

        var body = await AssertJsonAsync(response, HttpStatusCode.BadRequest, GraphQLResponse);
        Assert.False(body.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Errors_carry_the_request_id_of_the_X_Request_ID_header()
    {
        var answers = new List<HttpResponseMessage>();
        foreach (var send in new Func<HttpRequestMessage, HttpRequestMessage>[]
        {
            r => { r.Content = JsonContent.Create(new { }); return r; }, // 400
            r => { r.Method = HttpMethod.Put; return r; }, // 405
            r => { r.Content = new StringContent("{}", Encoding.UTF8, "text/plain"); return r; }, // 415
            r => { r.Content = JsonContent.Create(new { query = "{ ping: __typename }" }); r.Headers.Accept.ParseAdd("text/xml"); return r; }, // 406
            r => { r.Content = JsonContent.Create(new { query = new string(' ', 1024 * 1024 + 1) }); return r; }, // 413
        })
        {
            var id = $"gql-{Guid.NewGuid():N}";
            using var request = send(new HttpRequestMessage(HttpMethod.Post, "/graphql"));
            request.Headers.Add("X-Request-ID", id);

            var response = await _client.SendAsync(request);

            var error = (await ReadJsonAsync(response)).GetProperty("errors")[0];
            Assert.Equal(id, response.Headers.GetValues("X-Request-ID").Single());
            Assert.Equal(id, error.GetProperty("extensions").GetProperty("requestId").GetString());
        }
    }

    [Fact]
    public async Task The_SDL_is_served_as_plain_text()
    {
        var response = await _client.GetAsync("/graphql/schema.graphql");

        var sdl = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains("type Query {", sdl, StringComparison.Ordinal);
        Assert.Equal(factory.Services.GetRequiredService<TaskGraphSchema>().Print(), sdl);
    }

    [Fact]
    public async Task Browsers_still_get_GraphiQL_while_GraphQL_clients_get_results_at_the_same_URL()
    {
        var page = await GetAsync("/graphql", "text/html,application/xhtml+xml,*/*;q=0.8");
        var result = await GetAsync("/graphql?query=" + Uri.EscapeDataString("{ __typename }"), "text/html,application/xhtml+xml,*/*;q=0.8");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var body = await AssertJsonAsync(result, HttpStatusCode.OK, Json);
        Assert.Equal("Query", body.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Operations_are_counted_in_metrics_by_type_and_outcome()
    {
        await PostAsync(new { query = "{ ping: __typename }" });
        await PostAsync(new { query = "mutation { ping: __typename }" });
        await PostAsync(new { query = "{ nope }" });

        var metrics = await _client.GetStringAsync("/metrics");

        // A document that fails validation never selects an operation, so its type is unknown.

        Assert.Matches("""taskgraph_graphql_operations_total\{[^}]*outcome="success"[^}]*type="query"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""taskgraph_graphql_operations_total\{[^}]*outcome="success"[^}]*type="mutation"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""taskgraph_graphql_operations_total\{[^}]*error_code="FIELDS_ON_CORRECT_TYPE"[^}]*outcome="error"[^}]*type="unknown"[^}]*\} [1-9]""", metrics);
    }

    private Task<HttpResponseMessage> PostAsync(object body, string? accept = null) =>
        SendAsync(HttpMethod.Post, "/graphql", accept, JsonContent.Create(body));

    private Task<HttpResponseMessage> PostRawAsync(string body, string? accept) =>
        SendAsync(HttpMethod.Post, "/graphql", accept, new StringContent(body, Encoding.UTF8, Json));

    private Task<HttpResponseMessage> GetAsync(string url, string? accept) => SendAsync(HttpMethod.Get, url, accept, null);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? accept, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await _client.SendAsync(request);
    }

    private static async Task<JsonElement> AssertJsonAsync(HttpResponseMessage response, HttpStatusCode status, string mediaType)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Asserts a GraphQL-shaped error answer (never problem+json) and returns its only error.</summary>
    internal static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { GraphQLResponse, Json });
        var body = JsonDocument.Parse(text).RootElement;
        Assert.False(body.TryGetProperty("data", out _));
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(response.Headers.GetValues("X-Request-ID").Single(), error.GetProperty("extensions").GetProperty("requestId").GetString());
        return error;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
