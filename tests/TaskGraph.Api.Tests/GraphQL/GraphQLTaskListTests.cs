using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>Four tasks of one user, named A-D, to filter and sort.</summary>
public sealed class SeededTasksFixture : IAsyncLifetime
{
    public TaskGraphFactory Factory { get; } = new();

    public UserClient Owner { get; private set; } = null!;

    /// <summary>Task id (as GraphQL returns it) → letter.</summary>
    public Dictionary<string, string> Letters { get; } = [];

    public async Task InitializeAsync()
    {
        Owner = await Factory.CreateUserClientAsync();
        object[] tasks =
        [
            new { title = "Alpha report", description = "quarterly numbers", completed = false, priority = "LOW", dueDate = "2026-12-01T10:00:00Z" },
            new { title = "beta Review", description = (string?)null, completed = true, priority = "MEDIUM", dueDate = (string?)null },
            new { title = "Gamma", description = "Report draft", completed = false, priority = "HIGH", dueDate = "2026-12-10T10:00:00Z" },
            new { title = "alpha notes", description = "misc", completed = true, priority = "HIGH", dueDate = "2026-12-05T10:00:00Z" },
        ];
        foreach (var (input, letter) in tasks.Zip("ABCD"))
        {
            var created = await Owner.Client.QueryAsync("mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }", new { input });
            Letters[created.GetProperty("createTask").GetProperty("id").GetString()!] = letter.ToString();
        }
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The letters of the tasks a filter and order return, in order.</summary>
    public async Task<string> LettersAsync(string arguments, HttpClient? client = null)
    {
        var call = arguments.Length == 0 ? "tasks" : $"tasks({arguments})";
        var tasks = (await (client ?? Owner.Client).QueryAsync($"{{ {call} {{ totalCount nodes {{ id }} }} }}")).GetProperty("tasks");
        var letters = string.Concat(tasks.GetProperty("nodes").EnumerateArray().Select(n => Letters[n.GetProperty("id").GetString()!]));
        Assert.Equal(letters.Length, tasks.GetProperty("totalCount").GetInt32());
        return letters;
    }
}

public sealed class GraphQLTaskFilterTests(SeededTasksFixture seeded) : IClassFixture<SeededTasksFixture>
{
    [Theory]
    [InlineData("title: {eq: \"Gamma\"}", "C")]
    [InlineData("title: {neq: \"Gamma\"}", "ABD")]
    [InlineData("title: {in: [\"Gamma\", \"beta Review\"]}", "BC")]
    [InlineData("title: {nin: [\"Gamma\", \"beta Review\"]}", "AD")]
    [InlineData("title: {eq: \"gamma\"}", "")]
    [InlineData("title: {contains: \"ALPHA\"}", "AD")]
    [InlineData("title: {startsWith: \"alpha\"}", "AD")]
    [InlineData("title: {startsWith: \"Review\"}", "")]
    [InlineData("description: {contains: \"report\"}", "C")]
    [InlineData("description: {eq: null}", "B")]
    [InlineData("description: {neq: null}", "ACD")]
    [InlineData("completed: {eq: true}", "BD")]
    [InlineData("completed: {neq: true}", "AC")]
    [InlineData("priority: {eq: HIGH}", "CD")]
    [InlineData("priority: {neq: HIGH}", "AB")]
    [InlineData("priority: {gt: LOW}", "BCD")]
    [InlineData("priority: {gte: MEDIUM}", "BCD")]
    [InlineData("priority: {lt: MEDIUM}", "A")]
    [InlineData("priority: {lte: MEDIUM}", "AB")]
    [InlineData("priority: {in: [LOW, HIGH]}", "ACD")]
    [InlineData("dueDate: {eq: \"2026-12-10T10:00:00Z\"}", "C")]
    [InlineData("dueDate: {eq: \"2026-12-10T12:00:00+02:00\"}", "C")]
    [InlineData("dueDate: {neq: \"2026-12-10T10:00:00Z\"}", "ABD")]
    [InlineData("dueDate: {eq: null}", "B")]
    [InlineData("dueDate: {neq: null}", "ACD")]
    [InlineData("dueDate: {gt: \"2026-12-01T10:00:00Z\"}", "CD")]
    [InlineData("dueDate: {gte: \"2026-12-05T10:00:00Z\"}", "CD")]
    [InlineData("dueDate: {lt: \"2026-12-05T10:00:00Z\"}", "A")]
    [InlineData("dueDate: {lte: \"2026-12-05T10:00:00Z\"}", "AD")]
    [InlineData("dueDate: {in: [\"2026-12-01T10:00:00Z\", \"2026-12-10T10:00:00Z\"]}", "AC")]
    [InlineData("createdAt: {gt: \"2000-01-01T00:00:00Z\"}", "ABCD")]
    [InlineData("createdAt: {lt: \"2000-01-01T00:00:00Z\"}", "")]
    [InlineData("updatedAt: {gte: \"2999-01-01T00:00:00Z\"}", "")]
    [InlineData("and: [{completed: {eq: false}}, {priority: {eq: HIGH}}]", "C")]
    [InlineData("or: [{title: {eq: \"Gamma\"}}, {completed: {eq: true}}]", "BCD")]
    [InlineData("or: [{and: [{priority: {eq: HIGH}}, {completed: {eq: true}}]}, {title: {startsWith: \"alpha\"}}]", "AD")]
    [InlineData("completed: {eq: false}, priority: {eq: LOW}", "A")]
    [InlineData("title: {contains: \"a\", startsWith: \"G\"}", "C")]
    public async Task Each_operator_filters_in_the_database(string where, string expected)
    {
        var letters = await seeded.LettersAsync($"where: {{{where}}}, order: [{{title: ASC}}]");

        Assert.Equal(expected, string.Concat(letters.Order()));
    }

    [Fact]
    public async Task OwnerId_filters_by_the_owner_for_admins()
    {
        var admin = await seeded.Factory.CreateAdminClientAsync();
        var id = seeded.Owner.User.Id;
        Assert.Equal(4, (await seeded.LettersAsync($"where: {{ownerId: {{eq: {id}}}}}", admin)).Length);
        Assert.Equal(4, (await seeded.LettersAsync($"where: {{ownerId: {{in: [\"{id}\"]}}}}", admin)).Length);
        Assert.Equal(0, (await seeded.LettersAsync($"where: {{ownerId: {{neq: {id}}}}}", admin)).Length);
    }

    [Theory]
    [InlineData("order: [{completed: ASC}, {priority: DESC}, {title: ASC}]", "CADB")]
    [InlineData("order: [{completed: ASC}, {priority: DESC}]", "CADB")]
    [InlineData("order: [{dueDate: ASC}]", "ADCB")]
    [InlineData("order: [{dueDate: DESC}]", "CDAB")]
    [InlineData("order: [{title: ASC}]", "DABC")]
    [InlineData("order: [{title: DESC}]", "CBAD")]
    [InlineData("order: [{priority: ASC}, {createdAt: DESC}]", "ABDC")]
    [InlineData("order: [{createdAt: ASC}]", "ABCD")]
    [InlineData("order: [{updatedAt: DESC}]", "DCBA")]
    [InlineData("", "DCBA")]
    public async Task Sorting_applies_keys_in_order(string order, string expected)
    {
        Assert.Equal(expected, await seeded.LettersAsync(order));
    }

    [Theory]
    [InlineData("where: {title: {contains: null}}", "title")]
    [InlineData("where: {priority: {gt: null}}", "priority")]
    [InlineData("where: {ownerId: {eq: \"me\"}}", "ownerId")]
    [InlineData("first: 101", "first")]
    [InlineData("first: -1", "first")]
    [InlineData("first: 1, last: 1", "last")]
    [InlineData("order: [{}]", "order")]
    [InlineData("after: \"not-a-cursor\"", "after")]
    [InlineData("before: \"bm9wZQ\"", "before")]
    public async Task Bad_arguments_are_validation_errors_naming_the_argument(string arguments, string field)
    {
        var result = await seeded.Owner.Client.GraphQLAsync($"{{ tasks({arguments}) {{ totalCount }} }}");

        Assert.Equal(field, result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Filters_nest_only_so_deep()
    {
        var where = "{completed: {eq: true}}";
        for (var i = 0; i < 6; i++)
        {
            where = $"{{and: [{where}]}}";
        }
        var result = await seeded.Owner.Client.GraphQLAsync($"{{ tasks(where: {where}) {{ totalCount }} }}");

        Assert.Equal("where", result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_cursor_only_works_with_the_order_it_came_from()
    {
        var page = (await seeded.Owner.Client.QueryAsync("{ tasks(first: 1, order: [{title: ASC}]) { pageInfo { endCursor } } }")).GetProperty("tasks");
        var cursor = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();

        var result = await seeded.Owner.Client.GraphQLAsync("query($after: String) { tasks(first: 1, after: $after, order: [{title: DESC}]) { totalCount } }", new { after = cursor });

        Assert.Equal("after", result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }
}

public sealed class GraphQLTaskPaginationTests : IClassFixture<TaskGraphFactory>
{
    private const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String, $order: [TaskSortInput!]) {
          tasks(first: $first, after: $after, last: $last, before: $before, order: $order) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { id title } }
            nodes { title }
          }
        }
        """;

    private readonly TaskGraphFactory _factory;

    public GraphQLTaskPaginationTests(TaskGraphFactory factory) => _factory = factory;

    private static async Task CreateAsync(HttpClient client, string title) =>
        await client.QueryAsync("mutation($title: String!) { createTask(input: {title: $title}) { id } }", new { title });

    private static string[] Titles(JsonElement tasks) => [.. tasks.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()!)];

    [Fact]
    public async Task Pages_forwards_and_backwards_are_stable_when_tasks_are_inserted()
    {
        var alice = await _factory.CreateUserClientAsync();
        foreach (var title in new[] { "t1", "t2", "t3", "t4", "t5" })
        {
            await CreateAsync(alice.Client, title);
        }

        // Newest first by default.
        var first = (await alice.Client.QueryAsync(Page, new { first = 2 })).GetProperty("tasks");
        Assert.Equal(["t5", "t4"], Titles(first));
        Assert.True(first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.False(first.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        // A new task lands before the cursor: the next page neither repeats nor skips anything.
        await CreateAsync(alice.Client, "t6");
        var second = (await alice.Client.QueryAsync(Page, new { first = 2, after = first.GetProperty("pageInfo").GetProperty("endCursor").GetString() })).GetProperty("tasks");
        Assert.Equal(["t3", "t2"], Titles(second));
        Assert.True(second.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
        Assert.Equal(6, second.GetProperty("totalCount").GetInt32());
        Assert.Equal(second.GetProperty("edges")[1].GetProperty("cursor").GetString(), second.GetProperty("pageInfo").GetProperty("endCursor").GetString());

        // Backwards from the end.
        var last = (await alice.Client.QueryAsync(Page, new { last = 2 })).GetProperty("tasks");
        Assert.Equal(["t2", "t1"], Titles(last));
        Assert.False(last.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(last.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        await CreateAsync(alice.Client, "t7");
        var before = (await alice.Client.QueryAsync(Page, new { last = 3, before = last.GetProperty("pageInfo").GetProperty("startCursor").GetString() })).GetProperty("tasks");
        Assert.Equal(["t5", "t4", "t3"], Titles(before));
        Assert.True(before.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        Assert.True(before.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());

        var start = (await alice.Client.QueryAsync(Page, new { last = 5, before = before.GetProperty("pageInfo").GetProperty("startCursor").GetString() })).GetProperty("tasks");
        Assert.Equal(["t7", "t6"], Titles(start));
        Assert.False(start.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean());
    }

    [Fact]
    public async Task Walking_all_pages_with_ties_returns_every_task_once_in_order_both_ways()
    {
        var bob = await _factory.CreateUserClientAsync();
        foreach (var title in new[] { "b", "A", "a", "B", "c", "a", "b" })
        {
            await CreateAsync(bob.Client, title);
        }
        var order = new[] { new { title = "ASC" } };

        var forwards = await WalkForwardsAsync(bob.Client, order, 2);
        var backwards = await WalkBackwardsAsync(bob.Client, order, 3);

        var all = (await bob.Client.QueryAsync(Page, new { first = 100, order })).GetProperty("tasks");
        var expected = all.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();
        // Case-insensitive title order, equal titles by id (ascending, as the last key is).
        var rows = all.GetProperty("edges").EnumerateArray()
            .Select(e => (Title: e.GetProperty("node").GetProperty("title").GetString()!.ToLowerInvariant(), Id: int.Parse(e.GetProperty("node").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(rows.OrderBy(r => r.Title, StringComparer.Ordinal).ThenBy(r => r.Id), rows);
        Assert.Equal(7, expected.Count);
        Assert.Equal(expected, forwards);
        Assert.Equal(expected, backwards);
    }

    [Fact]
    public async Task Five_sort_keys_page_through_every_task_once_with_null_due_dates_both_ways()
    {
        var client = (await _factory.CreateUserClientAsync()).Client;
        foreach (var (title, due) in new[] { ("b", "2026-12-01T00:00:00Z"), ("a", null), ("c", null), ("a", "2026-12-01T00:00:00Z"), ("d", "2026-11-01T00:00:00Z") })
        {
            await client.QueryAsync("mutation($title: String!, $due: DateTime) { createTask(input: {title: $title, dueDate: $due}) { id } }", new { title, due });
        }
        object[] order = [new { completed = "ASC" }, new { dueDate = "ASC" }, new { priority = "DESC" }, new { title = "ASC" }, new { createdAt = "DESC" }];

        var all = (await client.QueryAsync(Page, new { first = 100, order })).GetProperty("tasks");
        var expected = all.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!).ToList();

        Assert.Equal(5, expected.Count);
        Assert.Equal(["d", "a", "b", "a", "c"], Titles(all));
        Assert.Equal(expected, await WalkForwardsAsync(client, order, 2));
        Assert.Equal(expected, await WalkBackwardsAsync(client, order, 2));
    }

    /// <summary>Every task id, page by page from the start, following endCursor.</summary>
    private static async Task<List<string>> WalkForwardsAsync(HttpClient client, object order, int size)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var page = (await client.QueryAsync(Page, new { first = size, after, order })).GetProperty("tasks");
            ids.AddRange(page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return ids;
    }

    /// <summary>Every task id, page by page from the end, following startCursor, in list order.</summary>
    private static async Task<List<string>> WalkBackwardsAsync(HttpClient client, object order, int size)
    {
        var ids = new List<string>();
        string? before = null;
        do
        {
            var page = (await client.QueryAsync(Page, new { last = size, before, order })).GetProperty("tasks");
            ids.InsertRange(0, page.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("id").GetString()!));
            before = page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("startCursor").GetString() : null;
        }
        while (before is not null);
        return ids;
    }
}

public sealed class GraphQLOwnerBatchingTests
{
    [Fact]
    public async Task The_owners_of_a_page_of_20_tasks_load_in_one_query()
    {
        using var factory = new CommandCountingFactory();
        var counter = factory.Commands;
        for (var i = 0; i < 4; i++)
        {
            var user = await factory.CreateUserClientAsync();
            for (var j = 0; j < 5; j++)
            {
                await user.Client.QueryAsync("mutation { createTask(input: {title: \"t\"}) { id } }");
            }
        }
        var admin = await factory.CreateAdminClientAsync();
        await admin.QueryAsync("{ me { id } }"); // the caller is cached from here on: both counts below are of the page alone

        counter.Clear();
        var withoutOwners = (await admin.QueryAsync("{ tasks(first: 20) { nodes { id } } }")).GetProperty("tasks");
        var baseline = counter.Commands.Count;
        counter.Clear();
        var withOwners = (await admin.QueryAsync("{ tasks(first: 20) { nodes { id owner { id username } } } }")).GetProperty("tasks");

        Assert.Equal(20, withOwners.GetProperty("nodes").GetArrayLength());
        Assert.Equal(4, withOwners.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("owner").GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(20, withoutOwners.GetProperty("nodes").GetArrayLength());
        Assert.Equal(baseline + 1, counter.Commands.Count);
        // The one command that loads whole users (the role check at authentication reads only the role).
        Assert.Single(counter.Commands, c => c.Contains("password_hash", StringComparison.Ordinal));
    }
}
