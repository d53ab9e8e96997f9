using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

public sealed class TaskCrudTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Create_returns_201_with_location_etag_defaults_and_a_trimmed_title()
    {
        var (client, user) = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/v1/tasks", new { title = "  Buy milk  " });

        var task = await response.ReadAsync<TaskDto>(HttpStatusCode.Created);
        Assert.Equal($"/v1/tasks/{task.Id}", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal("Buy milk", task.Title);
        Assert.Null(task.Description);
        Assert.Null(task.DueDate);
        Assert.False(task.Completed);
        Assert.Equal("medium", task.Priority);
        Assert.Equal(user.Id, task.OwnerId);
        Assert.Equal(1, task.Version);
        Assert.Equal(task.CreatedAt, task.UpdatedAt);
        Assert.EndsWith("Z", task.CreatedAt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absent_optional_fields_are_present_as_null_in_json()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var json = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "nulls" })).Content.ReadAsStringAsync();

        Assert.Contains("\"description\":null", json, StringComparison.Ordinal);
        Assert.Contains("\"due_date\":null", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_returns_the_task_with_its_etag()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Read", priority = "high", due_date = "2026-12-01T09:30:00+02:00" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var response = await client.GetAsync($"/v1/tasks/{created.Id}");

        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal(created, task);
        Assert.Equal("2026-12-01T07:30:00Z", task.DueDate);
        Assert.Equal("high", task.Priority);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_replaces_every_editable_field_and_bumps_the_version()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Old", description = "d", priority = "high", completed = true, due_date = "2026-12-01" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var response = await client.PutAsJsonAsync($"/v1/tasks/{created.Id}", new { title = "New" });

        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal("New", task.Title);
        Assert.Null(task.Description);
        Assert.Null(task.DueDate);
        Assert.False(task.Completed);
        Assert.Equal("medium", task.Priority);
        Assert.Equal(2, task.Version);
        Assert.Equal("\"2\"", response.Headers.ETag?.ToString());
        Assert.Equal(created.CreatedAt, task.CreatedAt);
        Assert.NotEqual(created.UpdatedAt, task.UpdatedAt);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_null_clears_an_optional_field()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Keep", description = "clear me", priority = "low", due_date = "2026-12-01" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var task = await (await client.PatchAsJsonAsync($"/v1/tasks/{created.Id}", new { completed = true, description = (string?)null })).ReadAsync<TaskDto>();

        Assert.Equal("Keep", task.Title);
        Assert.True(task.Completed);
        Assert.Null(task.Description);
        Assert.Equal("low", task.Priority);
        Assert.Equal("2026-12-01T00:00:00Z", task.DueDate);
        Assert.Equal(2, task.Version);
    }

    [Fact]
    public async Task An_empty_patch_changes_nothing()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Same" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var task = await (await client.PatchAsJsonAsync($"/v1/tasks/{created.Id}", new { })).ReadAsync<TaskDto>();

        Assert.Equal(created, task);
    }

    [Fact]
    public async Task Delete_returns_204_and_the_task_is_gone()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Temp" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var response = await client.DeleteAsync($"/v1/tasks/{created.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetAsync($"/v1/tasks/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.DeleteAsync($"/v1/tasks/{created.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"title":""}""", "title" },
        { """{"title":"   "}""", "title" },
        { """{"description":"no title"}""", "title" },
        { $$"""{"title":"{{new string('x', 201)}}"}""", "title" },
        { $$"""{"title":"ok","description":"{{new string('x', 2001)}}"}""", "description" },
        { """{"title":"ok","priority":"urgent"}""", "priority" },
        { """{"title":"ok","priority":2}""", "priority" },
        { """{"title":"ok","due_date":"tomorrow"}""", "due_date" },
        { """{"title":"ok","completed":"yes"}""", "completed" },
        { """{"title":5}""", "title" },
        { """{"title":""", "body" },
        { """[1,2]""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_create_bodies_are_422_naming_the_field(string json, string field)
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var response = await client.PostAsync("/v1/tasks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors!.Keys);
        Assert.DoesNotContain("TaskGraph", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", string.Concat(problem.Errors.Values.SelectMany(v => v)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"title":null}""", "title")]
    [InlineData("""{"completed":null}""", "completed")]
    [InlineData("""{"priority":null}""", "priority")]
    [InlineData("""{"due_date":"31/12/2026"}""", "due_date")]
    public async Task Invalid_patch_bodies_are_422_naming_the_field(string json, string field)
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Patch me" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var response = await client.PatchAsync($"/v1/tasks/{created.Id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Fact]
    public async Task Every_field_with_a_wrong_type_is_reported_at_once_on_create_and_patch()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Patch me" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        const string json = """{"title":5,"priority":"urgent","completed":"yes","due_date":"tomorrow","description":"fine"}""";

        var create = await (await client.PostAsync("/v1/tasks", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var patch = await (await client.PatchAsync($"/v1/tasks/{created.Id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        foreach (var problem in new[] { create, patch })
        {
            Assert.Equal(["completed", "due_date", "priority", "title"], problem.Errors!.Keys.Order());
            Assert.StartsWith("Expected an ISO-8601 date", problem.Errors["due_date"].Single(), StringComparison.Ordinal);
        }
        Assert.Equal(1, (await (await client.GetAsync($"/v1/tasks/{created.Id}")).ReadAsync<TaskDto>()).Version);
    }

    [Fact]
    public async Task Unknown_json_fields_are_ignored()
    {
        var (client, user) = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/v1/tasks", new { title = "Extra", owner_id = 999, version = 7, color = "blue" });

        var task = await response.ReadAsync<TaskDto>(HttpStatusCode.Created);
        Assert.Equal(user.Id, task.OwnerId);
        Assert.Equal(1, task.Version);
    }

    [Fact]
    public async Task A_missing_body_is_422_and_a_non_json_body_is_415()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var missing = await client.PostAsync("/v1/tasks", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        var text = await client.PostAsync("/v1/tasks", new StringContent("title=x", System.Text.Encoding.UTF8, "text/plain"));

        await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
