using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Caching;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Api.Tests.RateLimiting;
using TaskGraph.Core.Events;

namespace TaskGraph.Api.Tests.Caching;

[Collection(RedisTests.Name)]
public sealed class TaskListCacheTests(RedisServerFixture redis) : IDisposable
{
    private readonly TaskGraphFactory _factory = new TaskGraphFactory().WithRedis(redis);

    [Fact]
    public async Task A_second_identical_read_is_a_hit_with_the_same_body_and_paging_headers()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(client, $"task {i}");
        }

        var first = await client.GetAsync("/v1/tasks?limit=2&sort=title");
        var second = await client.GetAsync("/v1/tasks?sort=title&limit=2");

        Assert.Equal("MISS", first.Header("X-Cache"));
        Assert.Equal("HIT", second.Header("X-Cache"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("application/json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("3", second.Header("X-Total-Count"));
        Assert.Equal(first.Header("Link"), second.Header("Link"));
        Assert.Contains("rel=\"next\"", second.Header("Link"), StringComparison.Ordinal);
        var tasks = await second.ReadAsync<List<TaskDto>>();
        Assert.Equal(["task 0", "task 1"], tasks.Select(t => t.Title));
    }

    [Fact]
    public async Task A_cache_hit_on_either_face_runs_no_database_command()
    {
        using var factory = new CommandCountingFactory().WithRedis(redis);
        var (client, _) = await factory.CreateUserClientAsync();
        await CreateAsync(client, "cached");
        const string page = "{ tasks(first: 5) { totalCount nodes { id title } } }";
        Assert.Equal("MISS", (await client.GetAsync("/v1/tasks?limit=5")).Header("X-Cache"));
        await client.QueryAsync(page);
        factory.Commands.Clear();

        var rest = await client.GetAsync("/v1/tasks?limit=5");
        var graphql = await client.QueryAsync(page);

        Assert.Equal("HIT", rest.Header("X-Cache"));
        Assert.Equal("cached", graphql.GetProperty("tasks").GetProperty("nodes")[0].GetProperty("title").GetString());
        Assert.Empty(factory.Commands.Commands);
    }

    [Fact]
    public async Task Create_update_and_delete_by_the_owner_each_make_the_next_read_a_fresh_miss()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        var task = await CreateAsync(client, "first");
        await client.GetAsync("/v1/tasks");
        Assert.Equal("HIT", (await client.GetAsync("/v1/tasks")).Header("X-Cache"));

        await CreateAsync(client, "second");
        var afterCreate = await client.GetAsync("/v1/tasks");
        Assert.Equal("MISS", afterCreate.Header("X-Cache"));
        Assert.Equal(2, (await afterCreate.ReadAsync<List<TaskDto>>()).Count);

        (await client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { title = "renamed" })).EnsureSuccessStatusCode();
        var afterUpdate = await client.GetAsync("/v1/tasks");
        Assert.Equal("MISS", afterUpdate.Header("X-Cache"));
        Assert.Contains(await afterUpdate.ReadAsync<List<TaskDto>>(), t => t.Title == "renamed");

        (await client.DeleteAsync($"/v1/tasks/{task.Id}")).EnsureSuccessStatusCode();
        var afterDelete = await client.GetAsync("/v1/tasks");
        Assert.Equal("MISS", afterDelete.Header("X-Cache"));
        Assert.Equal(["second"], (await afterDelete.ReadAsync<List<TaskDto>>()).Select(t => t.Title));
        Assert.Equal("HIT", (await client.GetAsync("/v1/tasks")).Header("X-Cache"));
    }

    [Theory]
    [InlineData(TaskEventType.DueSoon, "HIT")]
    [InlineData(TaskEventType.Updated, "MISS")]
    public async Task A_due_soon_reminder_leaves_the_owners_cached_pages_valid_where_a_change_does_not(TaskEventType type, string expected)
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        var task = await CreateAsync(client, "due soon");
        await client.GetAsync("/v1/tasks");
        Assert.Equal("HIT", (await client.GetAsync("/v1/tasks")).Header("X-Cache"));

        var listener = _factory.Services.GetRequiredService<RedisTaskPageCache>();
        await listener.TaskChangedAsync(new TaskEvent { Type = type, TaskId = task.Id, OwnerId = task.OwnerId, Data = "{}" }, CancellationToken.None);

        Assert.Equal(expected, (await client.GetAsync("/v1/tasks")).Header("X-Cache"));
    }

    [Fact]
    public async Task Another_user_never_gets_a_cached_page_of_someone_else()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var (bob, _) = await _factory.CreateUserClientAsync();
        await CreateAsync(alice, "alice's secret");
        await alice.GetAsync("/v1/tasks");
        Assert.Equal("HIT", (await alice.GetAsync("/v1/tasks")).Header("X-Cache"));

        var bobs = await bob.GetAsync("/v1/tasks");

        Assert.Equal("MISS", bobs.Header("X-Cache"));
        Assert.Empty(await bobs.ReadAsync<List<TaskDto>>());
        Assert.Equal("0", bobs.Header("X-Total-Count"));
    }

    [Fact]
    public async Task An_admin_writing_a_users_task_invalidates_that_users_lists_and_any_write_invalidates_admin_lists()
    {
        var (user, _) = await _factory.CreateUserClientAsync();
        var admin = await _factory.CreateAdminClientAsync();
        var task = await CreateAsync(user, "mine");
        await user.GetAsync("/v1/tasks");
        await admin.GetAsync("/v1/tasks");
        Assert.Equal("HIT", (await admin.GetAsync("/v1/tasks")).Header("X-Cache"));

        (await admin.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { completed = true })).EnsureSuccessStatusCode();

        var usersView = await user.GetAsync("/v1/tasks");
        Assert.Equal("MISS", usersView.Header("X-Cache"));
        Assert.True((await usersView.ReadAsync<List<TaskDto>>()).Single().Completed);

        await admin.GetAsync("/v1/tasks");
        await CreateAsync(user, "another");
        var adminsView = await admin.GetAsync("/v1/tasks");
        Assert.Equal("MISS", adminsView.Header("X-Cache"));
        Assert.Contains(await adminsView.ReadAsync<List<TaskDto>>(), t => t.Title == "another");

        (await admin.DeleteAsync($"/v1/tasks/{task.Id}")).EnsureSuccessStatusCode();
        var afterAdminDelete = await user.GetAsync("/v1/tasks");
        Assert.Equal("MISS", afterAdminDelete.Header("X-Cache"));
        Assert.DoesNotContain(await afterAdminDelete.ReadAsync<List<TaskDto>>(), t => t.Id == task.Id);
    }

    [Fact]
    public async Task Spellings_of_one_query_share_an_entry_keyed_by_the_core_vocabulary()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        await CreateAsync(client, "task");

        Assert.Equal("MISS", (await client.GetAsync("/v1/tasks?priority=medium&sort=title")).Header("X-Cache"));
        Assert.Equal("HIT", (await client.GetAsync("/v1/tasks?sort=title&priority[eq]=MEDIUM")).Header("X-Cache"));
        Assert.Equal("HIT", (await client.GetAsync("/v1/tasks?priority=medium&sort=title&utm_source=mail")).Header("X-Cache"));
        Assert.Equal("MISS", (await client.GetAsync("/v1/tasks?priority=medium&sort=-title")).Header("X-Cache"));
        Assert.Equal("MISS", (await client.GetAsync("/v1/tasks?priority=medium&sort=title&skip=1")).Header("X-Cache"));
    }

    [Fact]
    public async Task Errors_are_not_cached()
    {
        var (client, _) = await _factory.CreateUserClientAsync();

        var invalid = await client.GetAsync("/v1/tasks?limit=0");
        await invalid.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Null(invalid.Header("X-Cache"));
        await (await client.GetAsync("/v1/tasks?limit=0")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.GetAsync("/v1/tasks?owner_id=1")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_redis_there_is_no_cache_and_no_x_cache_header()
    {
        using var factory = new TaskGraphFactory();
        var (client, _) = await factory.CreateUserClientAsync();

        Assert.Null((await client.GetAsync("/v1/tasks")).Header("X-Cache"));
        Assert.Null((await client.GetAsync("/v1/tasks")).Header("X-Cache"));
    }

    [Fact]
    public async Task With_redis_down_reads_are_misses_and_writes_still_succeed()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        await client.GetAsync("/v1/tasks");

        await redis.KillAsync();
        try
        {
            await CreateAsync(client, "written while redis was down");
            var read = await client.GetAsync("/v1/tasks");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal("MISS", read.Header("X-Cache"));
            Assert.Single(await read.ReadAsync<List<TaskDto>>());
            var graphQL = await client.QueryAsync("{ tasks { totalCount } }");
            Assert.Equal(1, graphQL.GetProperty("tasks").GetProperty("totalCount").GetInt32());
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    public void Dispose() => _factory.Dispose();

    private static async Task<TaskDto> CreateAsync(HttpClient client, string title) =>
        await (await client.PostAsJsonAsync("/v1/tasks", new { title })).ReadAsync<TaskDto>(HttpStatusCode.Created);
}

[Collection(RedisTests.Name)]
public sealed class GraphQLTaskPageCacheTests(RedisServerFixture redis) : IDisposable
{
    private const string Query = "query($first: Int) { tasks(first: $first, order: [{title: ASC}]) { totalCount pageInfo { endCursor } nodes { id title } } }";

    private readonly TaskGraphFactory _factory = new TaskGraphFactory().WithRedis(redis);

    public void Dispose() => _factory.Dispose();

    /// <summary>Changes a title behind the app's back, so only a cached page still shows the old one.</summary>
    private async Task RenameInDatabaseAsync(string id, string title)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraph.Core.Data.TaskGraphDbContext>();
        var taskId = int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        await db.Tasks.Where(t => t.Id == taskId).ExecuteUpdateAsync(set => set.SetProperty(t => t.Title, title));
    }

    [Fact]
    public async Task A_repeated_tasks_query_is_served_from_the_cache_until_the_owner_writes()
    {
        var alice = await _factory.CreateUserClientAsync();
        var id = (await alice.Client.QueryAsync("mutation { createTask(input: {title: \"original\"}) { id } }")).GetProperty("createTask").GetProperty("id").GetString()!;
        var first = (await alice.Client.QueryAsync(Query, new { first = 5 })).GetProperty("tasks");

        await RenameInDatabaseAsync(id, "changed behind the cache");
        var second = (await alice.Client.QueryAsync(Query, new { first = 5 })).GetProperty("tasks");
        Assert.Equal(first.ToString(), second.ToString());
        Assert.Equal("original", second.GetProperty("nodes")[0].GetProperty("title").GetString());

        // Other arguments are another entry; a write by the owner makes every entry stale.
        var other = (await alice.Client.QueryAsync(Query, new { first = 6 })).GetProperty("tasks");
        Assert.Equal("changed behind the cache", other.GetProperty("nodes")[0].GetProperty("title").GetString());
        await alice.Client.QueryAsync("mutation { createTask(input: {title: \"another\"}) { id } }");
        var fresh = (await alice.Client.QueryAsync(Query, new { first = 5 })).GetProperty("tasks");
        Assert.Equal(2, fresh.GetProperty("totalCount").GetInt32());
        Assert.Contains(fresh.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("title").GetString() == "changed behind the cache");
    }

    [Fact]
    public async Task A_cached_page_costs_what_executing_it_cost()
    {
        var alice = await _factory.CreateUserClientAsync();
        await alice.Client.QueryAsync("mutation { createTask(input: {title: \"only one\"}) { id } }");

        var executed = await alice.Client.GraphQLAsync(Query, new { first = 50 });
        await RenameInDatabaseAsync(executed.Data.GetProperty("tasks").GetProperty("nodes")[0].GetProperty("id").GetString()!, "changed behind the cache");
        var cached = await alice.Client.GraphQLAsync(Query, new { first = 50 });

        Assert.Equal("only one", cached.Data.GetProperty("tasks").GetProperty("nodes")[0].GetProperty("title").GetString());
        var cost = executed.Root.GetProperty("extensions").GetProperty("cost");
        Assert.True(cost.GetProperty("actualQueryCost").GetInt64() < cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(cost.GetProperty("actualQueryCost").GetInt64(), cached.Root.GetProperty("extensions").GetProperty("cost").GetProperty("actualQueryCost").GetInt64());
    }

    [Fact]
    public async Task An_operation_with_root_fields_besides_tasks_is_executed_afresh_every_time()
    {
        var alice = await _factory.CreateUserClientAsync();
        var id = (await alice.Client.QueryAsync("mutation { createTask(input: {title: \"original\"}) { id } }")).GetProperty("createTask").GetProperty("id").GetString()!;
        const string mixed = "{ me { id } tasks(first: 5) { nodes { title } } }";
        await alice.Client.QueryAsync(mixed);

        await RenameInDatabaseAsync(id, "changed behind the cache");

        var again = await alice.Client.QueryAsync(mixed);
        Assert.Equal("changed behind the cache", again.GetProperty("tasks").GetProperty("nodes")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_rest_write_makes_an_admins_cached_graphql_page_stale()
    {
        var alice = await _factory.CreateUserClientAsync();
        var admin = await _factory.CreateAdminClientAsync();
        var id = (await alice.Client.QueryAsync("mutation { createTask(input: {title: \"original\"}) { id } }")).GetProperty("createTask").GetProperty("id").GetString()!;
        await admin.QueryAsync(Query, new { first = 50 });
        await RenameInDatabaseAsync(id, "changed behind the cache");
        Assert.Contains((await admin.QueryAsync(Query, new { first = 50 })).GetProperty("tasks").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("title").GetString() == "original");

        (await alice.Client.PostAsJsonAsync("/v1/tasks", new { title = "over rest" })).EnsureSuccessStatusCode();

        var titles = (await admin.QueryAsync(Query, new { first = 50 })).GetProperty("tasks").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()).ToList();
        Assert.Contains("changed behind the cache", titles);
        Assert.Contains("over rest", titles);
    }

    [Fact]
    public async Task One_users_cached_page_never_answers_another_user()
    {
        var alice = await _factory.CreateUserClientAsync();
        var bob = await _factory.CreateUserClientAsync();
        await alice.Client.QueryAsync("mutation { createTask(input: {title: \"alice only\"}) { id } }");
        await alice.Client.QueryAsync(Query, new { first = 5 });
        await alice.Client.QueryAsync(Query, new { first = 5 });

        var bobs = (await bob.Client.QueryAsync(Query, new { first = 5 })).GetProperty("tasks");

        Assert.Equal(0, bobs.GetProperty("totalCount").GetInt32());
        Assert.Equal(0, bobs.GetProperty("nodes").GetArrayLength());
    }
}
