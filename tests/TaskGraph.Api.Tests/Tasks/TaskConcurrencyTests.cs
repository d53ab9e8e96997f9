using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

public sealed class TaskConcurrencyTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Twenty_concurrent_creations_by_one_user_all_persist()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => client.PostAsJsonAsync("/v1/tasks", new { title = $"parallel {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var list = await (await client.GetAsync("/v1/tasks?limit=100")).ReadAsync<List<TaskDto>>();
        Assert.Equal(20, list.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"parallel {i}").Order(), list.Select(t => t.Title).Order());
    }

    [Fact]
    public async Task Fifty_concurrent_updates_without_if_match_lose_nothing()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var task = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "counter" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { description = $"writer {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await (await client.GetAsync($"/v1/tasks/{task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(51, final.Version); // every one of the 50 changes was applied, none overwritten unseen
        Assert.Equal(50, responses.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
    }

    [Fact]
    public async Task Fifty_concurrent_read_modify_writes_with_if_match_let_exactly_one_win()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var task = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "race" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/tasks/{task.Id}") { Content = JsonContent.Create(new { title = $"winner {i}" }) };
            request.Headers.IfMatch.ParseAdd("\"1\"");
            return client.SendAsync(request);
        }));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        var final = await (await client.GetAsync($"/v1/tasks/{task.Id}")).ReadAsync<TaskDto>();
        Assert.Equal(2, final.Version);
    }

    [Theory]
    [InlineData("\"1\"", HttpStatusCode.OK)]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData("\"7\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("W/\"1\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"garbage\"", HttpStatusCode.PreconditionFailed)]
    public async Task If_match_is_honoured_on_patch(string ifMatch, HttpStatusCode expected)
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var task = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "etag" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tasks/{task.Id}") { Content = JsonContent.Create(new { completed = true }) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.PreconditionFailed)
        {
            await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
            Assert.False((await (await client.GetAsync($"/v1/tasks/{task.Id}")).ReadAsync<TaskDto>()).Completed);
        }
    }

    [Fact]
    public async Task A_stale_if_match_on_delete_is_412_and_the_task_survives()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var task = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "keep" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        await client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { completed = true });
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/tasks/{task.Id}");
        request.Headers.IfMatch.ParseAdd("\"1\"");

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/tasks/{task.Id}")).StatusCode);
    }

    [Fact]
    public async Task If_match_on_a_missing_task_is_404_not_412()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Patch, "/v1/tasks/987654") { Content = JsonContent.Create(new { completed = true }) };
        request.Headers.IfMatch.ParseAdd("\"1\"");

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
