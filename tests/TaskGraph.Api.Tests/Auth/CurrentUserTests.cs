using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Auth;

/// <summary>The caller is resolved once per request, with the role the database holds now, and both faces read that one value.</summary>
public sealed class CurrentUserTests
{
    /// <summary>The authentication lookup reads only the role; loading a whole user (me, owners) reads the password hash too.</summary>
    public static bool IsRoleLookup(string sql) =>
        sql.Contains("role", StringComparison.Ordinal) && sql.Contains("users", StringComparison.Ordinal) && !sql.Contains("password_hash", StringComparison.Ordinal);

    [Theory]
    [InlineData("{ me { id } a: tasks { totalCount } b: tasks(first: 1, order: [{title: ASC}]) { totalCount } }")]
    [InlineData("mutation { a: createTask(input: {title: \"a\"}) { id } b: createTask(input: {title: \"b\"}) { id } c: createTask(input: {title: \"c\"}) { id } }")]
    public async Task The_role_is_read_once_for_a_request_however_many_fields_need_the_caller_and_then_comes_from_the_cache(string request)
    {
        using var factory = new CommandCountingFactory();
        var (client, _) = await factory.CreateUserClientAsync();

        factory.Commands.Clear();
        await client.QueryAsync(request);
        Assert.Single(factory.Commands.Commands, IsRoleLookup);

        factory.Commands.Clear();
        await client.QueryAsync(request);
        (await client.GetAsync("/v1/tasks?sort=title")).EnsureSuccessStatusCode();
        Assert.DoesNotContain(factory.Commands.Commands, IsRoleLookup);
    }

    [Fact]
    public async Task With_the_caller_cache_off_every_request_reads_the_role()
    {
        using var factory = new CommandCountingFactory();
        factory.Settings["Auth:CallerCacheSeconds"] = "0";
        var (client, _) = await factory.CreateUserClientAsync();

        for (var i = 0; i < 2; i++)
        {
            factory.Commands.Clear();
            (await client.GetAsync("/v1/tasks")).EnsureSuccessStatusCode();
            Assert.Single(factory.Commands.Commands, IsRoleLookup);
        }
    }

    [Fact]
    public async Task A_promotion_reaches_both_faces_on_the_token_issued_before_it()
    {
        using var factory = new TaskGraphFactory();
        var (user, profile) = await factory.CreateUserClientAsync();
        var (other, _) = await factory.CreateUserClientAsync();
        (await other.PostAsJsonAsync("/v1/tasks", new { title = "someone else's" })).EnsureSuccessStatusCode();
        var admin = await factory.CreateAdminClientAsync();

        (await admin.PatchAsJsonAsync($"/v1/users/{profile.Id}/role", new { role = "admin" })).EnsureSuccessStatusCode();

        Assert.Single(await (await user.GetAsync("/v1/tasks?owner_id[neq]=" + profile.Id)).ReadAsync<List<TaskDto>>());
        var data = await user.QueryAsync("{ me { role } tasks { totalCount } users { totalCount } }");
        Assert.Equal("ADMIN", data.GetProperty("me").GetProperty("role").GetString());
        Assert.Equal(1, data.GetProperty("tasks").GetProperty("totalCount").GetInt32());

        (await admin.PatchAsJsonAsync($"/v1/users/{profile.Id}/role", new { role = "user" })).EnsureSuccessStatusCode();

        await (await user.GetAsync("/v1/tasks?owner_id[neq]=" + profile.Id)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await user.QueryAsync("{ tasks { totalCount } }")).GetProperty("tasks").GetProperty("totalCount").GetInt32());
    }
}
