using System.Net.Http.Headers;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>register, login, me, users, setUserRole and the authorization rule, over /graphql.</summary>
public sealed class GraphQLAccountTests : IClassFixture<TaskGraphFactory>
{
    private const string Register = "mutation($input: RegisterInput!) { register(input: $input) { id username email role createdAt } }";
    private const string Login = "mutation($input: LoginInput!) { login(input: $input) { accessToken tokenType expiresIn user { id username role } } }";

    private readonly TaskGraphFactory _factory;

    public GraphQLAccountTests(TaskGraphFactory factory) => _factory = factory;

    [Fact]
    public async Task Register_then_login_gives_a_token_that_me_accepts()
    {
        var client = _factory.CreateClient();
        var username = $"gql_{Guid.NewGuid():N}"[..16];

        var registered = (await client.QueryAsync(Register, new { input = new { username, email = $"{username}@example.com", password = "password-123" } })).GetProperty("register");
        Assert.Equal(username, registered.GetProperty("username").GetString());
        Assert.Equal("USER", registered.GetProperty("role").GetString());
        Assert.EndsWith("Z", registered.GetProperty("createdAt").GetString());

        var login = (await client.QueryAsync(Login, new { input = new { username = username.ToUpperInvariant(), password = "password-123" } })).GetProperty("login");
        Assert.Equal("bearer", login.GetProperty("tokenType").GetString());
        Assert.Equal(3600, login.GetProperty("expiresIn").GetInt32());
        Assert.Equal(registered.GetProperty("id").GetString(), login.GetProperty("user").GetProperty("id").GetString());

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var me = (await client.QueryAsync("{ me { id username email role } }")).GetProperty("me");
        Assert.Equal(registered.GetProperty("id").GetString(), me.GetProperty("id").GetString());
        Assert.Equal($"{username}@example.com", me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Registering_a_taken_username_is_a_conflict_and_bad_input_names_the_field()
    {
        var user = await _factory.CreateUserClientAsync();
        var client = _factory.CreateClient();

        var taken = await client.GraphQLAsync(Register, new { input = new { username = user.User.Username.ToUpperInvariant(), email = "other@example.com", password = "password-123" } });
        taken.SingleError("CONFLICT");
        Assert.Equal(JsonValueKind.Null, taken.Data.ValueKind);

        var invalid = await client.GraphQLAsync(Register, new { input = new { username = "ok_name", email = "ok@example.com", password = new string('x', 73) } });
        var error = invalid.SingleError("VALIDATION_ERROR");
        Assert.Equal("password", error.GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Registration_cannot_ask_for_a_role()
    {
        var result = await _factory.CreateClient().GraphQLAsync(
            "mutation { register(input: {username: \"sneaky\", email: \"s@example.com\", password: \"password-123\", role: ADMIN}) { role } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", Assert.Single(result.Codes));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_fail_alike()
    {
        var user = await _factory.CreateUserClientAsync();
        var client = _factory.CreateClient();

        var wrongPassword = await client.GraphQLAsync(Login, new { input = new { username = user.User.Username, password = "not-the-password" } });
        var unknownUser = await client.GraphQLAsync(Login, new { input = new { username = "nobody_here", password = "not-the-password" } });

        var first = wrongPassword.SingleError("INVALID_CREDENTIALS");
        var second = unknownUser.SingleError("INVALID_CREDENTIALS");
        Assert.Equal(first.GetProperty("message").GetString(), second.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("{ me { id } }")]
    [InlineData("{ task(id: 1) { id } }")]
    [InlineData("{ tasks { totalCount } }")]
    [InlineData("mutation { createTask(input: {title: \"x\"}) { id } }")]
    [InlineData("mutation { updateTask(id: 1, input: {title: \"x\"}) { id } }")]
    [InlineData("mutation { deleteTask(id: 1) }")]
    [InlineData("{ users { totalCount } }")]
    [InlineData("mutation { setUserRole(userId: 1, role: ADMIN) { id } }")]
    public async Task Anonymous_callers_get_AUTH_NOT_AUTHENTICATED_before_anything_runs(string query)
    {
        var result = await _factory.CreateClient().GraphQLAsync(query);

        var error = result.SingleError("AUTH_NOT_AUTHENTICATED");
        Assert.False(result.Root.TryGetProperty("data", out _), "A request rejected before execution has no data.");
        Assert.Equal(result.RequestId, error.GetProperty("extensions").GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task An_invalid_token_is_anonymous()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.jwt");

        (await client.GraphQLAsync("{ me { id } }")).SingleError("AUTH_NOT_AUTHENTICATED");
    }

    [Fact]
    public async Task Users_and_roles_are_for_admins_only()
    {
        var user = await _factory.CreateUserClientAsync();
        var admin = await _factory.CreateAdminClientAsync();

        (await user.Client.GraphQLAsync("{ users { totalCount } }")).SingleError("AUTH_NOT_AUTHORIZED");
        (await user.Client.GraphQLAsync($"mutation {{ setUserRole(userId: {user.User.Id}, role: ADMIN) {{ role }} }}")).SingleError("AUTH_NOT_AUTHORIZED");

        var promoted = (await admin.QueryAsync($"mutation {{ setUserRole(userId: \"{user.User.Id}\", role: ADMIN) {{ id role }} }}")).GetProperty("setUserRole");
        Assert.Equal("ADMIN", promoted.GetProperty("role").GetString());
        (await admin.GraphQLAsync("mutation { setUserRole(userId: 999999, role: USER) { id } }")).SingleError("NOT_FOUND");
    }

    [Fact]
    public async Task Users_page_forwards_with_cursors()
    {
        for (var i = 0; i < 3; i++)
        {
            await _factory.CreateUserClientAsync();
        }
        var admin = await _factory.CreateAdminClientAsync();
        const string Page = "query($after: String) { users(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }";

        var ids = new List<int>();
        string? after = null;
        var pages = 0;
        int total;
        do
        {
            var users = (await admin.QueryAsync(Page, new { after })).GetProperty("users");
            total = users.GetProperty("totalCount").GetInt32();
            ids.AddRange(users.GetProperty("edges").EnumerateArray().Select(e => int.Parse(e.GetProperty("node").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(pages > 0, users.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
            after = users.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? users.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
            pages++;
        }
        while (after is not null);

        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        (await admin.GraphQLAsync("{ users(after: \"bm90LWEtY3Vyc29y\") { totalCount } }")).SingleError("VALIDATION_ERROR");
    }

    [Fact]
    public async Task Authorization_also_runs_when_the_document_comes_from_the_cache()
    {
        var user = await _factory.CreateUserClientAsync();
        var admin = await _factory.CreateAdminClientAsync();
        const string Me = "{ me { id } }";
        const string Users = "{ users(first: 1) { totalCount } }";

        // Same text, so the second request reuses the parsed and validated document.
        await user.Client.QueryAsync(Me);
        (await _factory.CreateClient().GraphQLAsync(Me)).SingleError("AUTH_NOT_AUTHENTICATED");

        await admin.QueryAsync(Users);
        (await user.Client.GraphQLAsync(Users)).SingleError("AUTH_NOT_AUTHORIZED");
    }
}
