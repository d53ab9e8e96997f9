using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>POST /v1/tasks/batch and batchUpdateTasks: one transaction, all or nothing, owner-scoped, one event per changed task.</summary>
public sealed class TaskBatchTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private sealed record BatchResult(int Updated);

    [Fact]
    public async Task Completing_a_batch_changes_the_open_tasks_and_records_one_event_each()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var open1 = await client.CreateTaskAsync("one");
        var open2 = await client.CreateTaskAsync("two");
        var done = await client.CreateTaskAsync("three");
        (await client.PatchAsJsonAsync($"/v1/tasks/{done.Id}", new { completed = true })).EnsureSuccessStatusCode();
        var before = (await client.EventIdsAfterAsync(0))[^1];

        var result = await (await client.PostAsJsonAsync("/v1/tasks/batch", new { action = "complete", ids = new[] { open1.Id, open2.Id, done.Id, open1.Id } })).ReadAsync<BatchResult>();

        Assert.Equal(2, result.Updated);
        var events = await client.GetFromJsonAsync<JsonElement[]>($"/v1/events?after={before}") ?? [];
        Assert.Equal([open1.Id, open2.Id], events.Select(e => e.GetProperty("task_id").GetInt32()).Order());
        Assert.All(events, e =>
        {
            Assert.Equal("task.updated", e.GetProperty("type").GetString());
            Assert.Equal(2, e.GetProperty("version").GetInt32());
            Assert.True(e.GetProperty("data").GetProperty("completed").GetBoolean());
        });
        var unchanged = await client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{done.Id}");
        Assert.Equal(2, unchanged!.Version);
    }

    [Fact]
    public async Task One_foreign_or_missing_id_is_a_404_naming_it_and_nothing_changes()
    {
        var alice = await factory.CreateUserClientAsync();
        var bob = await factory.CreateUserClientAsync();
        var mine = await alice.Client.CreateTaskAsync("mine");
        var bobs = await bob.Client.CreateTaskAsync("bob's");
        var aliceBefore = await alice.Client.EventIdsAfterAsync(0);
        var bobBefore = await bob.Client.EventIdsAfterAsync(0);

        foreach (var action in new[] { "delete", "complete" })
        {
            var foreign = await alice.Client.PostAsJsonAsync("/v1/tasks/batch", new { action, ids = new[] { mine.Id, bobs.Id } });
            var problem = await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains($"Task {bobs.Id} was not found", problem.Detail, StringComparison.Ordinal);
        }
        var missing = await alice.Client.PostAsJsonAsync("/v1/tasks/batch", new { action = "set_priority", priority = "high", ids = new[] { mine.Id, 999_999, 999_998 } });
        Assert.Contains("Tasks 999999, 999998 were not found", (await missing.AssertProblemAsync(HttpStatusCode.NotFound)).Detail, StringComparison.Ordinal);

        var stillMine = await alice.Client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{mine.Id}");
        Assert.Equal((1, false, "medium"), (stillMine!.Version, stillMine.Completed, stillMine.Priority));
        Assert.Equal(HttpStatusCode.OK, (await bob.Client.GetAsync($"/v1/tasks/{bobs.Id}")).StatusCode);
        Assert.Equal(aliceBefore, await alice.Client.EventIdsAfterAsync(0));
        Assert.Equal(bobBefore, await bob.Client.EventIdsAfterAsync(0));
    }

    [Fact]
    public async Task An_admin_batch_reaches_every_users_tasks_and_deletes_record_deleted_events()
    {
        var alice = await factory.CreateUserClientAsync();
        var bob = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var alices = await alice.Client.CreateTaskAsync("alice's");
        var bobs = await bob.Client.CreateTaskAsync("bob's");

        var result = await (await admin.PostAsJsonAsync("/v1/tasks/batch", new { action = "delete", ids = new[] { alices.Id, bobs.Id } })).ReadAsync<BatchResult>();

        Assert.Equal(2, result.Updated);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.Client.GetAsync($"/v1/tasks/{alices.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Client.GetAsync($"/v1/tasks/{bobs.Id}")).StatusCode);
        var alicesEvents = await alice.Client.GetFromJsonAsync<JsonElement[]>("/v1/events") ?? [];
        Assert.Equal(["task.created", "task.deleted"], alicesEvents.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(2, alicesEvents[1].GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Set_priority_changes_only_tasks_with_another_priority()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var low = await client.CreateTaskAsync("low", "low");
        var high = await client.CreateTaskAsync("high", "high");

        var result = await (await client.PostAsJsonAsync("/v1/tasks/batch", new { action = "set_priority", priority = "high", ids = new[] { low.Id, high.Id } })).ReadAsync<BatchResult>();

        Assert.Equal(1, result.Updated);
        Assert.Equal("high", (await client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{low.Id}"))!.Priority);
        Assert.Equal(1, (await client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{high.Id}"))!.Version);
    }

    [Fact]
    public async Task Bad_batches_are_422s_naming_the_field()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var task = await client.CreateTaskAsync("kept");

        async Task<string[]> FieldsAsync(object body) =>
            [.. (await (await client.PostAsJsonAsync("/v1/tasks/batch", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys.Order()];

        Assert.Equal(["ids"], await FieldsAsync(new { action = "complete", ids = Enumerable.Range(1, 1001).ToArray() }));
        Assert.Equal(["ids"], await FieldsAsync(new { action = "complete", ids = Array.Empty<int>() }));
        Assert.Equal(["ids"], await FieldsAsync(new { action = "complete", ids = new[] { 0 } }));
        Assert.Equal(["action"], await FieldsAsync(new { action = "archive", ids = new[] { task.Id } }));
        Assert.Equal(["action", "ids"], await FieldsAsync(new { }));
        Assert.Equal(["priority"], await FieldsAsync(new { action = "set_priority", ids = new[] { task.Id } }));
        Assert.Equal(["priority"], await FieldsAsync(new { action = "complete", priority = "low", ids = new[] { task.Id } }));
        Assert.Equal(1, (await client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{task.Id}"))!.Version);
    }

    [Fact]
    public async Task Graphql_batch_update_applies_the_same_rules_and_its_price_grows_with_the_ids()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var first = await client.CreateTaskAsync("first");
        var second = await client.CreateTaskAsync("second");
        const string Mutation = "mutation($ids: [ID!]!) { batchUpdateTasks(action: REOPEN, ids: $ids) { updated } }";
        const string Complete = "mutation($ids: [ID!]!) { batchUpdateTasks(action: COMPLETE, ids: $ids) { updated } }";

        var two = await client.GraphQLAsync(Complete, new { ids = new[] { first.Id, second.Id } });
        Assert.Equal(2, two.Data.GetProperty("batchUpdateTasks").GetProperty("updated").GetInt32());
        var hundred = await client.GraphQLAsync(Mutation, new { ids = Enumerable.Range(1_000_000, 100).ToArray() });
        Assert.Equal(["NOT_FOUND"], hundred.Codes);
        var tooMany = await client.GraphQLAsync(Mutation, new { ids = Enumerable.Range(1, 1001).ToArray() });
        Assert.Equal(["VALIDATION_ERROR"], tooMany.Codes);

        // 10 for the mutation and half a point per id, rounded up (the payload's scalar costs nothing).
        Assert.Equal(11, two.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(60, hundred.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(511, tooMany.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.True((await client.GetFromJsonAsync<TaskDto>($"/v1/tasks/{first.Id}"))!.Completed);
    }
}
