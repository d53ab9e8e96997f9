using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Users;

public sealed class AdminUserTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task The_configured_admin_is_bootstrapped_with_role_admin()
    {
        var admin = await factory.CreateAdminClientAsync();

        var me = await (await admin.GetAsync("/v1/auth/me")).ReadAsync<UserDto>();

        Assert.Equal(TaskGraphFactory.AdminUsername, me.Username);
        Assert.Equal("admin", me.Role);
    }

    [Fact]
    public async Task Admin_lists_users_with_paging_headers()
    {
        await factory.CreateUserClientAsync();
        await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();

        var response = await admin.GetAsync("/v1/users?limit=1&skip=1");

        var users = await response.ReadAsync<List<UserDto>>();
        Assert.Single(users);
        Assert.True(int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 3);
        Assert.Contains("rel=\"prev\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        await (await admin.GetAsync("/v1/users?limit=500")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Users_get_403_on_admin_routes_and_anonymous_callers_401()
    {
        var (user, _) = await factory.CreateUserClientAsync();

        await (await user.GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.PatchAsJsonAsync("/v1/users/1/role", new { role = "admin" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await factory.CreateClient().GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Promotion_and_demotion_take_effect_on_the_existing_token()
    {
        var (user, profile) = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();

        var promoted = await (await admin.PatchAsJsonAsync($"/v1/users/{profile.Id}/role", new { role = "admin" })).ReadAsync<UserDto>();
        Assert.Equal("admin", promoted.Role);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/v1/users")).StatusCode);

        await admin.PatchAsJsonAsync($"/v1/users/{profile.Id}/role", new { role = "user" });
        await (await user.GetAsync("/v1/users")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"role":"superuser"}""")]
    [InlineData("""{}""")]
    public async Task An_invalid_role_is_422(string json)
    {
        var (_, profile) = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();

        var response = await admin.PatchAsync($"/v1/users/{profile.Id}/role", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("role", problem.Errors!.Keys);
    }

    [Fact]
    public async Task Changing_the_role_of_a_missing_user_is_404()
    {
        var admin = await factory.CreateAdminClientAsync();

        await (await admin.PatchAsJsonAsync("/v1/users/424242/role", new { role = "admin" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_last_admin_cannot_be_demoted()
    {
        using var isolated = new TaskGraphFactory();
        var admin = await isolated.CreateAdminClientAsync();
        var me = await (await admin.GetAsync("/v1/auth/me")).ReadAsync<UserDto>();

        var problem = await (await admin.PatchAsJsonAsync($"/v1/users/{me.Id}/role", new { role = "user" })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("last admin", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_the_same_moment_always_leave_one_admin()
    {
        using var isolated = new TaskGraphFactory();
        var root = await isolated.CreateAdminClientAsync();
        var rootId = (await (await root.GetAsync("/v1/auth/me")).ReadAsync<UserDto>()).Id;
        var (other, otherProfile) = await isolated.CreateUserClientAsync();
        var admins = new Dictionary<int, HttpClient> { [rootId] = root, [otherProfile.Id] = other };

        for (var round = 0; round < 10; round++)
        {
            // Whoever is the admin now promotes the other; then each demotes the other at once.
            var (adminId, adminClient) = await SingleAdminAsync(root, other, admins);
            var otherId = admins.Keys.Single(id => id != adminId);
            (await adminClient.PatchAsJsonAsync($"/v1/users/{otherId}/role", new { role = "admin" })).EnsureSuccessStatusCode();

            var statuses = await Task.WhenAll(admins.Select(pair =>
                pair.Value.PatchAsJsonAsync($"/v1/users/{admins.Keys.Single(id => id != pair.Key)}/role", new { role = "user" })));

            Assert.Single(statuses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(statuses, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Forbidden);
            await SingleAdminAsync(root, other, admins);
        }
    }

    /// <summary>Asserts that exactly one of the two is an admin and returns it.</summary>
    private static async Task<(int Id, HttpClient Client)> SingleAdminAsync(HttpClient first, HttpClient second, Dictionary<int, HttpClient> clients)
    {
        var listed = new List<UserDto>();
        foreach (var client in new[] { first, second })
        {
            var response = await client.GetAsync("/v1/users?limit=100");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                listed = await response.ReadAsync<List<UserDto>>();
            }
        }
        var admin = Assert.Single(listed, u => u.Role == "admin");
        return (admin.Id, clients[admin.Id]);
    }

    [Fact]
    public async Task Restarting_with_a_new_admin_password_updates_it()
    {
        using var first = new TaskGraphFactory();
        await first.CreateAdminClientAsync();

        using var second = new TaskGraphFactory();
        second.Settings["Database:Url"] = first.Settings["Database:Url"];
        second.Settings["Admin:Password"] = "a-brand-new-password";
        var client = second.CreateClient();

        await TaskGraphFactory.LoginAsync(client, TaskGraphFactory.AdminUsername, "a-brand-new-password");
        var old = await client.PostAsJsonAsync("/v1/auth/login", new { username = TaskGraphFactory.AdminUsername, password = TaskGraphFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
    }
}
