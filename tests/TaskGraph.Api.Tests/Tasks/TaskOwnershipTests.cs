using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>Broken object-level authorization: another user's task must not exist for you.</summary>
public sealed class TaskOwnershipTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task User_b_gets_404_on_every_verb_for_user_a_s_task_and_it_is_untouched()
    {
        var (alice, _) = await factory.CreateUserClientAsync();
        var (bob, _) = await factory.CreateUserClientAsync();
        var task = await (await alice.PostAsJsonAsync("/v1/tasks", new { title = "alice's secret" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        var url = $"/v1/tasks/{task.Id}";

        var attempts = new[]
        {
            await bob.GetAsync(url),
            await bob.PutAsJsonAsync(url, new { title = "pwned" }),
            await bob.PatchAsJsonAsync(url, new { title = "pwned" }),
            await bob.DeleteAsync(url),
        };

        foreach (var attempt in attempts)
        {
            var problem = await attempt.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal($"Task {task.Id} was not found.", problem.Detail);
        }
        Assert.DoesNotContain(await (await bob.GetAsync("/v1/tasks?limit=100")).ReadAsync<List<TaskDto>>(), t => t.Id == task.Id);
        Assert.Equal(task, await (await alice.GetAsync(url)).ReadAsync<TaskDto>());
    }

    [Fact]
    public async Task Someone_else_s_task_and_a_missing_task_look_the_same()
    {
        var (alice, _) = await factory.CreateUserClientAsync();
        var (bob, _) = await factory.CreateUserClientAsync();
        var task = await (await alice.PostAsJsonAsync("/v1/tasks", new { title = "hidden" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tasks/{task.Id}") { Content = JsonContent.Create(new { completed = true }) };
        request.Headers.IfMatch.ParseAdd("\"99\"");

        // A stale precondition on a task you cannot see must not reveal that it exists (412 would).
        await (await bob.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_can_read_change_and_delete_any_task()
    {
        var (alice, aliceUser) = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var task = await (await alice.PostAsJsonAsync("/v1/tasks", new { title = "for admin" })).ReadAsync<TaskDto>(HttpStatusCode.Created);
        var url = $"/v1/tasks/{task.Id}";

        Assert.Equal(task, await (await admin.GetAsync(url)).ReadAsync<TaskDto>());
        var patched = await (await admin.PatchAsJsonAsync(url, new { completed = true })).ReadAsync<TaskDto>();
        Assert.True(patched.Completed);
        Assert.Equal(aliceUser.Id, patched.OwnerId);
        var replaced = await (await admin.PutAsJsonAsync(url, new { title = "replaced by admin" })).ReadAsync<TaskDto>();
        Assert.Equal("replaced by admin", replaced.Title);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(url)).StatusCode);
        await (await alice.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_lists_everyone_s_tasks_and_can_filter_by_owner()
    {
        var (alice, aliceUser) = await factory.CreateUserClientAsync();
        var (bob, _) = await factory.CreateUserClientAsync();
        await alice.PostAsJsonAsync("/v1/tasks", new { title = "a1" });
        await bob.PostAsJsonAsync("/v1/tasks", new { title = "b1" });
        var admin = await factory.CreateAdminClientAsync();

        var all = await (await admin.GetAsync("/v1/tasks?limit=100")).ReadAsync<List<TaskDto>>();
        var alices = await (await admin.GetAsync($"/v1/tasks?owner_id={aliceUser.Id}&limit=100")).ReadAsync<List<TaskDto>>();

        Assert.Contains(all, t => t.Title == "a1");
        Assert.Contains(all, t => t.Title == "b1");
        Assert.Equal(["a1"], alices.Select(t => t.Title));
    }

    [Fact]
    public async Task A_user_filtering_by_owner_id_gets_403_even_for_their_own_id()
    {
        var (alice, aliceUser) = await factory.CreateUserClientAsync();

        var problem = await (await alice.GetAsync($"/v1/tasks?owner_id={aliceUser.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("Only admins can filter tasks by owner", problem.Detail, StringComparison.Ordinal);
    }
}
