using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Events;

/// <summary>GET /v1/events: every change recorded once, in the same transaction, owner-scoped, paged for sync.</summary>
public sealed class EventFeedTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Every_change_is_recorded_with_the_task_after_it_in_its_rest_shape()
    {
        var (client, user) = await factory.CreateUserClientAsync();
        var created = await client.CreateTaskAsync("write the feed", "high");
        var patched = await (await client.PatchAsJsonAsync($"/v1/tasks/{created.Id}", new { completed = true })).ReadAsync<JsonElement>();
        (await client.DeleteAsync($"/v1/tasks/{created.Id}")).EnsureSuccessStatusCode();

        var events = await client.GetFromJsonAsync<JsonElement[]>("/v1/events") ?? [];

        Assert.Equal(["task.created", "task.updated", "task.deleted"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1, 2, 3], events.Select(e => e.GetProperty("version").GetInt32()));
        Assert.All(events, e =>
        {
            Assert.Equal(created.Id, e.GetProperty("task_id").GetInt32());
            Assert.Equal(user.Id, e.GetProperty("owner_id").GetInt32());
            Assert.Equal(user.Id, e.GetProperty("actor_id").GetInt32());
            Assert.EndsWith("Z", e.GetProperty("occurred_at").GetString(), StringComparison.Ordinal);
        });
        Assert.True(events[0].GetProperty("id").GetInt64() < events[1].GetProperty("id").GetInt64());
        Assert.Equal(JsonSerializer.Serialize(created, RestOptions), events[0].GetProperty("data").GetRawText());
        Assert.Equal(patched.GetRawText(), events[1].GetProperty("data").GetRawText());
        Assert.Equal($$"""{"id":{{created.Id}}}""", events[2].GetProperty("data").GetRawText());
        Assert.Equal(events[1].GetProperty("data").GetProperty("updated_at").GetString(), events[1].GetProperty("occurred_at").GetString());
    }

    [Fact]
    public async Task Graphql_writes_are_recorded_too_and_a_refused_write_records_nothing()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var data = await client.QueryAsync("""mutation { createTask(input: {title: "from graphql"}) { id } }""");
        var id = data.GetProperty("createTask").GetProperty("id").GetString();
        await client.QueryAsync($$"""mutation { updateTask(id: {{id}}, input: {title: "renamed"}) { version } }""");

        using var stale = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tasks/{id}") { Content = JsonContent.Create(new { title = "lost" }) };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PatchAsJsonAsync($"/v1/tasks/{id}", new { title = "" })).StatusCode);
        await client.QueryAsync($"mutation {{ deleteTask(id: {id}) }}");

        var events = await client.GetFromJsonAsync<JsonElement[]>("/v1/events") ?? [];
        Assert.Equal(["task.created", "task.updated", "task.deleted"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("renamed", events[1].GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Users_see_their_own_tasks_events_and_admins_see_everyones()
    {
        var alice = await factory.CreateUserClientAsync();
        var bob = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var alicesTask = await alice.Client.CreateTaskAsync("alice's");
        var bobsTask = await bob.Client.CreateTaskAsync("bob's");
        // An admin's change to alice's task is an event of alice's task, with the admin as actor.
        (await admin.PatchAsJsonAsync($"/v1/tasks/{alicesTask.Id}", new { priority = "low" })).EnsureSuccessStatusCode();

        var alicesEvents = await alice.Client.GetFromJsonAsync<JsonElement[]>("/v1/events?limit=100") ?? [];
        var all = await AllEventsAsync(admin);

        Assert.Equal([alicesTask.Id, alicesTask.Id], alicesEvents.Select(e => e.GetProperty("task_id").GetInt32()));
        Assert.NotEqual(alice.User.Id, alicesEvents[1].GetProperty("actor_id").GetInt32());
        Assert.Contains(all, e => e.GetProperty("task_id").GetInt32() == bobsTask.Id);
        Assert.Contains(all, e => e.GetProperty("task_id").GetInt32() == alicesTask.Id);
    }

    [Fact]
    public async Task Pages_follow_after_and_limit_with_first_and_next_links()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateTaskAsync($"task {i}");
        }
        var ids = await client.EventIdsAfterAsync(0);

        var first = await client.GetAsync("/v1/events?limit=2");
        var firstPage = await first.ReadAsync<JsonElement[]>();
        var next = NextLink(first);
        var last = await client.GetAsync($"/v1/events?after={ids[3]}&limit=2");

        Assert.Equal(ids.Take(2), firstPage.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Contains("rel=\"first\"", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.EndsWith($"/v1/events?after={ids[1]}&limit=2", next, StringComparison.Ordinal);
        Assert.Equal(ids.Skip(2).Take(2), (await client.GetFromJsonAsync<JsonElement[]>(next) ?? []).Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal([ids[4]], (await last.ReadAsync<JsonElement[]>()).Select(e => e.GetProperty("id").GetInt64()));
        Assert.Null(NextLink(last));
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("after=abc")]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    public async Task Bad_paging_parameters_are_422(string query)
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var problem = await (await client.GetAsync($"/v1/events?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(query.Split('=')[0], problem.Errors!.Keys);
    }

    [Fact]
    public async Task The_feed_needs_a_token()
    {
        await (await factory.CreateClient().GetAsync("/v1/events")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// On PostgreSQL ids come from a sequence at insert time, so without ordering two writers could
    /// commit id 9 before id 8, and a reader that had moved past 9 would never see 8. A reader that
    /// follows the feed while many writers commit must end up with every event.
    /// </summary>
    [Fact]
    public async Task A_reader_following_the_feed_during_concurrent_writes_never_skips_an_event()
    {
        var admin = await factory.CreateAdminClientAsync();
        var writers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => factory.CreateUserClientAsync()));
        var start = (await admin.EventIdsAfterAsync(0)).LastOrDefault();
        var seen = new ConcurrentBag<long>();
        using var writing = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var cursor = start;
            while (true)
            {
                var done = writing.IsCancellationRequested;
                var page = await admin.GetFromJsonAsync<JsonElement[]>($"/v1/events?after={cursor}&limit=100") ?? [];
                foreach (var e in page)
                {
                    seen.Add(e.GetProperty("id").GetInt64());
                    cursor = e.GetProperty("id").GetInt64();
                }
                if (done && page.Length == 0)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(writers.Select(async writer =>
        {
            for (var i = 0; i < 25; i++)
            {
                var task = await writer.Client.CreateTaskAsync($"concurrent {i}");
                (await writer.Client.PatchAsJsonAsync($"/v1/tasks/{task.Id}", new { completed = true })).EnsureSuccessStatusCode();
            }
        }));
        await writing.CancelAsync();
        await reader;

        var all = (await admin.EventIdsAfterAsync(start)).Where(id => id > start).ToList();
        Assert.Equal(8 * 25 * 2, all.Count);
        Assert.Equal(all, seen.OrderBy(id => id));
    }

    private static readonly JsonSerializerOptions RestOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string? NextLink(HttpResponseMessage response) =>
        response.Headers.GetValues("Link").Single().Split(", ")
            .Where(link => link.EndsWith("rel=\"next\"", StringComparison.Ordinal))
            .Select(link => link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)])
            .SingleOrDefault();

    private static async Task<List<JsonElement>> AllEventsAsync(HttpClient client)
    {
        var all = new List<JsonElement>();
        var after = 0L;
        while ((await client.GetFromJsonAsync<JsonElement[]>(string.Create(CultureInfo.InvariantCulture, $"/v1/events?after={after}&limit=100")) ?? []) is { Length: > 0 } page)
        {
            all.AddRange(page);
            after = all[^1].GetProperty("id").GetInt64();
        }
        return all;
    }
}
