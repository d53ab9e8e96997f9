using System.Net;
using System.Text;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Errors;

public sealed class ErrorFormatTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        var problem = await (await factory.CreateClient().GetAsync("/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("/v1/nothing-here", problem.Instance);
    }

    [Theory]
    [InlineData("/v1/tasks/abc")]
    [InlineData("/v1/tasks/1.5")]
    [InlineData("/v1/tasks/99999999999999999999")]
    public async Task Ids_that_are_not_numbers_are_404_problems_never_500(string path)
    {
        var (client, _) = await factory.CreateUserClientAsync();

        await (await client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var response = await client.DeleteAsync("/v1/tasks");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_problem()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var huge = "{\"title\":\"" + new string('x', 1024 * 1024) + "\"}";

        var response = await client.PostAsync("/v1/tasks", new StringContent(huge, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_large_but_allowed_body_with_an_overlong_title_is_a_422()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var big = "{\"title\":\"" + new string('x', 500_000) + "\"}";

        var problem = await (await client.PostAsync("/v1/tasks", new StringContent(big, Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("title", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Login_with_an_unsupported_content_type_is_415()
    {
        var response = await factory.CreateClient().PostAsync("/v1/auth/login", new StringContent("alice:secret", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Login_with_malformed_json_is_422()
    {
        var response = await factory.CreateClient().PostAsync("/v1/auth/login", new StringContent("{\"username\":", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }
}
