using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>Task mutations, the task query, ownership, and the error codes they produce.</summary>
public sealed class GraphQLTaskTests : IClassFixture<TaskGraphFactory>
{
    private const string Fields = "id title description completed priority dueDate createdAt updatedAt ownerId version owner { id username }";
    private const string Create = $"mutation($input: CreateTaskInput!) {{ createTask(input: $input) {{ {Fields} }} }}";
    private const string Update = $"mutation($id: ID!, $input: UpdateTaskInput!) {{ updateTask(id: $id, input: $input) {{ {Fields} }} }}";

    private readonly TaskGraphFactory _factory;

    public GraphQLTaskTests(TaskGraphFactory factory) => _factory = factory;

    private static async Task<JsonElement> CreateAsync(HttpClient client, object input) =>
        (await client.QueryAsync(Create, new { input })).GetProperty("createTask");

    [Fact]
    public async Task CreateTask_applies_defaults_and_the_caller_owns_the_task()
    {
        var alice = await _factory.CreateUserClientAsync();

        var task = await CreateAsync(alice.Client, new { title = "  Write the report  " });

        Assert.Equal("Write the report", task.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("description").ValueKind);
        Assert.False(task.GetProperty("completed").GetBoolean());
        Assert.Equal("MEDIUM", task.GetProperty("priority").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("dueDate").ValueKind);
        Assert.Equal(1, task.GetProperty("version").GetInt32());
        Assert.Equal(alice.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), task.GetProperty("ownerId").GetString());
        Assert.Equal(alice.User.Username, task.GetProperty("owner").GetProperty("username").GetString());

        var fetched = (await alice.Client.QueryAsync($"query($id: ID!) {{ task(id: $id) {{ {Fields} }} }}", new { id = task.GetProperty("id").GetString() })).GetProperty("task");
        Assert.Equal(task.ToString(), fetched.ToString());
    }

    [Fact]
    public async Task CreateTask_takes_every_field_and_rejects_invalid_ones_with_the_field_named()
    {
        var alice = await _factory.CreateUserClientAsync();

        var task = await CreateAsync(alice.Client, new { title = "Ship", description = "v1", completed = true, priority = "HIGH", dueDate = "2026-12-01T17:00:00+02:00" });
        Assert.Equal("2026-12-01T15:00:00Z", task.GetProperty("dueDate").GetString());
        Assert.Equal("HIGH", task.GetProperty("priority").GetString());
        Assert.True(task.GetProperty("completed").GetBoolean());

        var blank = await alice.Client.GraphQLAsync(Create, new { input = new { title = "   " } });
        Assert.Equal("title", blank.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());

        var tooLong = await alice.Client.GraphQLAsync(Create, new { input = new { title = "ok", description = new string('d', 2001) } });
        Assert.Equal("description", tooLong.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());

        var badEnum = await alice.Client.GraphQLAsync(Create, new { input = new { title = "ok", priority = "URGENT" } });
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", Assert.Single(badEnum.Codes));
    }

    [Fact]
    public async Task UpdateTask_changes_only_what_is_sent_and_null_clears_optional_fields()
    {
        var alice = await _factory.CreateUserClientAsync();
        var task = await CreateAsync(alice.Client, new { title = "Draft", description = "notes", dueDate = "2026-12-01T10:00:00Z", priority = "LOW" });
        var id = task.GetProperty("id").GetString();

        var updated = (await alice.Client.QueryAsync(Update, new { id, input = new { completed = true, description = (string?)null } })).GetProperty("updateTask");

        Assert.Equal("Draft", updated.GetProperty("title").GetString());
        Assert.True(updated.GetProperty("completed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("description").ValueKind);
        Assert.Equal("2026-12-01T10:00:00Z", updated.GetProperty("dueDate").GetString());
        Assert.Equal("LOW", updated.GetProperty("priority").GetString());
        Assert.Equal(2, updated.GetProperty("version").GetInt32());

        var invalid = await alice.Client.GraphQLAsync(Update, new { id, input = new { title = (string?)null } });
        Assert.Equal("title", invalid.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task UpdateTask_with_a_stale_expectedVersion_is_a_conflict_and_writes_nothing()
    {
        var alice = await _factory.CreateUserClientAsync();
        var id = (await CreateAsync(alice.Client, new { title = "v1" })).GetProperty("id").GetString();
        await alice.Client.QueryAsync(Update, new { id, input = new { title = "v2", expectedVersion = 1 } });

        var stale = await alice.Client.GraphQLAsync(Update, new { id, input = new { title = "lost", expectedVersion = 1 } });

        stale.SingleError("CONFLICT");
        var current = (await alice.Client.QueryAsync("query($id: ID!) { task(id: $id) { title version } }", new { id })).GetProperty("task");
        Assert.Equal("v2", current.GetProperty("title").GetString());
        Assert.Equal(2, current.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task DeleteTask_returns_the_id_and_the_task_is_gone()
    {
        var alice = await _factory.CreateUserClientAsync();
        var id = (await CreateAsync(alice.Client, new { title = "Temporary" })).GetProperty("id").GetString();

        var deleted = await alice.Client.QueryAsync("mutation($id: ID!) { deleteTask(id: $id) }", new { id });

        Assert.Equal(id, deleted.GetProperty("deleteTask").GetString());
        var gone = await alice.Client.GraphQLAsync("query($id: ID!) { task(id: $id) { id } }", new { id });
        gone.SingleError("NOT_FOUND");
        Assert.Equal(JsonValueKind.Null, gone.Data.GetProperty("task").ValueKind);
        (await alice.Client.GraphQLAsync("mutation($id: ID!) { deleteTask(id: $id) }", new { id })).SingleError("NOT_FOUND");
    }

    [Fact]
    public async Task Another_users_task_does_not_exist_for_task_tasks_updateTask_or_deleteTask()
    {
        var alice = await _factory.CreateUserClientAsync();
        var bob = await _factory.CreateUserClientAsync();
        var id = (await CreateAsync(alice.Client, new { title = "Alice's secret" })).GetProperty("id").GetString();

        (await bob.Client.GraphQLAsync("query($id: ID!) { task(id: $id) { title } }", new { id })).SingleError("NOT_FOUND");
        var list = (await bob.Client.QueryAsync("{ tasks(first: 100) { totalCount nodes { id } } }")).GetProperty("tasks");
        Assert.DoesNotContain(list.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == id);
        (await bob.Client.GraphQLAsync($"{{ tasks(where: {{ownerId: {{eq: {alice.User.Id}}}}}) {{ totalCount }} }}")).SingleError("AUTH_NOT_AUTHORIZED");
        (await bob.Client.GraphQLAsync(Update, new { id, input = new { title = "mine now" } })).SingleError("NOT_FOUND");
        (await bob.Client.GraphQLAsync("mutation($id: ID!) { deleteTask(id: $id) }", new { id })).SingleError("NOT_FOUND");

        // Nothing changed, and an admin sees and changes it.
        var admin = await _factory.CreateAdminClientAsync();
        var seen = (await admin.QueryAsync("query($id: ID!) { task(id: $id) { title version owner { username } } }", new { id })).GetProperty("task");
        Assert.Equal("Alice's secret", seen.GetProperty("title").GetString());
        Assert.Equal(1, seen.GetProperty("version").GetInt32());
        Assert.Equal(alice.User.Username, seen.GetProperty("owner").GetProperty("username").GetString());
        await admin.QueryAsync(Update, new { id, input = new { completed = true } });
        await admin.QueryAsync("mutation($id: ID!) { deleteTask(id: $id) }", new { id });
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task Ids_that_are_not_numbers_are_validation_errors(string id)
    {
        var alice = await _factory.CreateUserClientAsync();

        var result = await alice.Client.GraphQLAsync("query($id: ID!) { task(id: $id) { id } }", new { id });

        Assert.Equal("id", result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Joke_needs_no_token_and_maps_upstream_failures()
    {
        var client = _factory.CreateClient();
        _factory.Jokes.Current = FakeJokeApi.Mode.Ok;
        var joke = (await client.QueryAsync("{ joke { id type setup punchline } }")).GetProperty("joke");
        Assert.False(string.IsNullOrEmpty(joke.GetProperty("punchline").GetString()));

        try
        {
            _factory.Jokes.Current = FakeJokeApi.Mode.ServerError;
            var failed = await client.GraphQLAsync("{ joke { id } }");
            failed.SingleError("UPSTREAM_UNAVAILABLE");
            Assert.Equal(JsonValueKind.Null, failed.Data.ValueKind);

            _factory.Jokes.Current = FakeJokeApi.Mode.Garbage;
            (await client.GraphQLAsync("{ joke { id } }")).SingleError("UPSTREAM_UNAVAILABLE");
        }
        finally
        {
            _factory.Jokes.Current = FakeJokeApi.Mode.Ok;
        }
    }
}

/// <summary>Failures that are not the client's: masked, with the request id to quote.</summary>
public sealed class GraphQLInternalErrorTests
{
    [Fact]
    public async Task A_database_failure_is_INTERNAL_ERROR_with_the_details_hidden()
    {
        using var factory = new LoggingTaskGraphFactory();
        var alice = await factory.CreateUserClientAsync();
        factory.Database.DropTasksTable();

        var result = await alice.Client.GraphQLAsync("{ tasks { totalCount } }");

        var error = result.SingleError("INTERNAL_ERROR");
        var message = error.GetProperty("message").GetString()!;
        Assert.DoesNotContain("SQLite", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.False(error.GetProperty("extensions").TryGetProperty("stackTrace", out _));
        Assert.Equal(result.RequestId, error.GetProperty("extensions").GetProperty("requestId").GetString());
        // Logged once, with the request id, so the operator can find what the client quotes.
        await factory.Logs.RequestLineAsync(result.RequestId!);
        Assert.Single(factory.Logs.Entries, e => e.TryGetProperty("exception", out _)
            && e.TryGetProperty("request_id", out var id) && id.GetString() == result.RequestId);
    }
}
