using System.Net;
using GraphQL;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Schema;

namespace TaskGraph.Api.Tests.GraphQL;

public sealed class GraphQLServerErrorTests : IDisposable
{
    private readonly LoggingTaskGraphFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_failure_outside_execution_is_a_masked_GraphQL_shaped_500_logged_once()
    {
        var client = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IDocumentExecuter<TaskGraphSchema>, BrokenExecuter>())).CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = System.Net.Http.Json.JsonContent.Create(new { query = "{ ping: __typename }" }) };
        request.Headers.Add("X-Request-ID", "gql-boom-1");

        var response = await client.SendAsync(request);

        var error = await GraphQLHttpTests.AssertErrorAsync(response, HttpStatusCode.InternalServerError, ErrorCodes.Internal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("gql-boom-1", error.GetProperty("extensions").GetProperty("requestId").GetString());
        Assert.DoesNotContain("secret detail", body, StringComparison.Ordinal);
        await _factory.Logs.RequestLineAsync("gql-boom-1");
        var logged = Assert.Single(_factory.Logs.Entries, e => e.GetProperty("level").GetString() == "error" && e.TryGetProperty("exception", out _));
        Assert.Equal("gql-boom-1", logged.GetProperty("request_id").GetString());
        Assert.Contains("secret detail", logged.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }

    private sealed class BrokenExecuter : IDocumentExecuter<TaskGraphSchema>
    {
        public Task<ExecutionResult> ExecuteAsync(ExecutionOptions options) => throw new InvalidOperationException("secret detail");
    }
}
