using System.Text.Json;
using TaskGraph.Api.RateLimiting;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.OpenApi;

public sealed class OpenApiTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    public static TheoryData<string, string, bool> Routes => new()
    {
        { "post", "/v1/auth/register", false },
        { "post", "/v1/auth/login", false },
        { "get", "/v1/auth/me", true },
        { "post", "/v1/tasks", true },
        { "get", "/v1/tasks", true },
        { "get", "/v1/tasks/{id}", true },
        { "put", "/v1/tasks/{id}", true },
        { "patch", "/v1/tasks/{id}", true },
        { "delete", "/v1/tasks/{id}", true },
        { "get", "/v1/tasks/external-joke", false },
        { "get", "/v1/users", true },
        { "patch", "/v1/users/{id}/role", true },
        { "get", "/v1/events", true },
        { "post", "/v1/webhooks", true },
        { "get", "/v1/webhooks", true },
        { "delete", "/v1/webhooks/{id}", true },
        { "get", "/v1/webhooks/{id}/deliveries", true },
        { "post", "/v1/tasks/batch", true },
        { "get", "/v1/tasks/export", true },
        { "post", "/v1/tasks/import", true },
        { "get", "/v1/jobs/{id}", true },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_document_lists_every_v1_route_with_its_auth_requirement(string method, string path, bool requiresAuth)
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);

        // Anonymous operations say so with security: [] rather than leaving it out.
        Assert.Equal(requiresAuth, operation.GetProperty("security").GetArrayLength() > 0);
        Assert.True(operation.GetProperty("responses").EnumerateObject().Any());
    }

    [Fact]
    public async Task Every_documented_v1_path_is_in_the_route_table()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => (m.Name, p.Name)))
            .Where(r => r.Item2.StartsWith("/v1/", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(Routes.Select(r => ((string)r[0], (string)r[1])).ToHashSet(), documented);
    }

    [Fact]
    public async Task The_login_flow_and_bearer_scheme_are_declared_and_errors_are_problem_details()
    {
        var document = JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("/v1/auth/login", schemes.GetProperty("OAuth2").GetProperty("flows").GetProperty("password").GetProperty("tokenUrl").GetString());
        var notFound = document.GetProperty("paths").GetProperty("/v1/tasks/{id}").GetProperty("get").GetProperty("responses").GetProperty("404");
        Assert.True(notFound.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id_and_every_tag_a_description()
    {
        var document = await DocumentAsync();

        var ids = Operations(document).Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var tags = document.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        Assert.All(Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray()), tag => Assert.False(string.IsNullOrEmpty(tags[tag.GetString()!])));
    }

    [Fact]
    public async Task Every_operation_documents_503_and_exactly_the_rate_limited_ones_document_429_as_problem_details()
    {
        var document = await DocumentAsync();
        var policy = new RateLimitPolicy(RateLimitPolicy.DefaultName, 5, TimeSpan.FromMinutes(1), KeyByUser: true);
        var paths = new RateLimitPaths(policy, policy with { Name = RateLimitPolicy.AuthName });

        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var limited = paths.For(path.Replace("{id}", "1", StringComparison.Ordinal)) is not null;
            Assert.True(limited == responses.TryGetProperty("429", out var tooMany), $"{method} {path}: limited {limited}, 429 documented {!limited}");
            Assert.True(responses.TryGetProperty("503", out var unavailable), $"{method} {path} has no 503");
            foreach (var response in limited ? [tooMany, unavailable] : new[] { unavailable })
            {
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}");
            }
        }
    }

    [Fact]
    public async Task The_server_url_is_relative_whatever_host_the_request_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";

        var response = await factory.CreateClient().SendAsync(request);

        var server = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("/", server.GetProperty("url").GetString());
    }

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject().Select(m => (p.Name, m.Name, m.Value)));

    [Fact]
    public async Task The_docs_page_is_served_without_any_external_url()
    {
        var client = factory.CreateClient();

        var html = await client.GetStringAsync("/docs/");

        Assert.Contains("scalar.js", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"https?://", html);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/docs/scalar.js")).StatusCode);
    }
}
