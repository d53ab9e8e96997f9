using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Text;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>Tampered cursors and over-long orders: a validation error naming the argument, quickly, never an internal error.</summary>
[Collection(TimingTests.Name)]
public sealed class GraphQLCursorTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    /// <summary>Generous for a loaded machine: these requests do no work worth measuring.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    private const long MaxTicks = 3155378975999999999;

    public static TheoryData<string, string> TamperedCursors()
    {
        var longTitle = new string('a', 201);
        return new()
        {
            // Not ours at all.
            { "", "!!!not-base64!!!" },
            { "", Encode("not json") },
            { "", Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"O\":\"CreatedAt:desc\",\"V\":[1,2]}")) + "==" },
            { "", Base64Url.EncodeToString([0xFF, 0xFE, 0xFD]) },
            { "", Encode(new string('[', 1000) + new string(']', 1000)) },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[1,\"" + new string('x', 5000) + "\"]}") },
            // Our envelope, wrong shape.
            { "", Encode("[1,2]") },
            { "", Encode("{\"O\":\"CreatedAt:desc\"}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,5],\"X\":1}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":{\"a\":1}}") },
            { "", Encode("{\"O\":1,\"V\":[638000000000000000,5]}") },
            // Another order, or another count of values.
            { "", Encode("{\"O\":\"Title:asc\",\"V\":[\"a\",5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,5,5]}") },
            // Instants: negative, beyond DateTime, not whole, not numbers, null where the key has none.
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[-1,5]}") },
            { "", Encode($"{{\"O\":\"CreatedAt:desc\",\"V\":[{MaxTicks + 1},5]}}") },
            { "", Encode($"{{\"O\":\"CreatedAt:desc\",\"V\":[{long.MaxValue},5]}}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[1e300,5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[1.5,5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[\"638000000000000000\",5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[null,5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[true,5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[{\"ticks\":1},5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[[1],5]}") },
            // Ids: not positive, beyond int, not whole, text, null.
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,0]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,-3]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,2147483648]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,5.5]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,\"5\"]}") },
            { "", Encode("{\"O\":\"CreatedAt:desc\",\"V\":[638000000000000000,null]}") },
            // Each other key type.
            { "order: [{title: ASC}]", Encode("{\"O\":\"Title:asc\",\"V\":[5,5]}") },
            { "order: [{title: ASC}]", Encode("{\"O\":\"Title:asc\",\"V\":[null,5]}") },
            { "order: [{title: ASC}]", Encode($"{{\"O\":\"Title:asc\",\"V\":[\"{longTitle}\",5]}}") },
            { "order: [{title: ASC}]", Encode("{\"O\":\"Title:asc\",\"V\":[\"a\\u0000\",5]}") },
            { "order: [{title: ASC}]", Encode("{\"O\":\"Title:asc\",\"V\":[\"\\ud800\",5]}") },
            { "order: [{priority: ASC}]", Encode("{\"O\":\"Priority:asc\",\"V\":[7,5]}") },
            { "order: [{priority: ASC}]", Encode("{\"O\":\"Priority:asc\",\"V\":[-1,5]}") },
            { "order: [{priority: ASC}]", Encode("{\"O\":\"Priority:asc\",\"V\":[\"HIGH\",5]}") },
            { "order: [{completed: ASC}]", Encode("{\"O\":\"Completed:asc\",\"V\":[\"true\",5]}") },
            { "order: [{completed: ASC}]", Encode("{\"O\":\"Completed:asc\",\"V\":[1,5]}") },
            { "order: [{completed: ASC}]", Encode("{\"O\":\"Completed:asc\",\"V\":[null,5]}") },
            { "order: [{dueDate: ASC}]", Encode("{\"O\":\"DueDate:asc\",\"V\":[\"soon\",5]}") },
            { "order: [{dueDate: ASC}]", Encode("{\"O\":\"DueDate:asc\",\"V\":[-1,5]}") },
            { "order: [{dueDate: ASC}, {title: DESC}]", Encode("{\"O\":\"DueDate:asc,Title:desc\",\"V\":[null,5,5]}") },
        };
    }

    [Theory]
    [MemberData(nameof(TamperedCursors))]
    public async Task A_tampered_cursor_is_a_validation_error_on_after_or_before_answered_quickly(string order, string cursor)
    {
        var client = (await factory.CreateUserClientAsync()).Client;
        await client.QueryAsync("mutation { createTask(input: {title: \"one\"}) { id } }");
        var separator = order.Length == 0 ? "" : ", ";

        foreach (var (argument, size) in new[] { ("after", "first"), ("before", "last") })
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await client.GraphQLAsync($"query($cursor: String) {{ tasks({size}: 5, {argument}: $cursor{separator}{order}) {{ totalCount nodes {{ id }} }} }}", new { cursor });
            stopwatch.Stop();

            Assert.Equal(argument, result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
            Assert.True(stopwatch.Elapsed < Bound, $"{argument} took {stopwatch.Elapsed}.");
        }
    }

    [Theory]
    [InlineData("{\"O\":\"CreatedAt:desc\",\"V\":[0,1]}", "")]
    [InlineData("{\"O\":\"CreatedAt:desc\",\"V\":[3155378975999999999,2147483647]}", "")]
    [InlineData("{\"O\":\"DueDate:asc\",\"V\":[null,1]}", "order: [{dueDate: ASC}]")]
    [InlineData("{\"O\":\"Title:asc,Priority:desc,Completed:asc\",\"V\":[\"\\u00e9t\\u00e9\",2,true,1]}", "order: [{title: ASC}, {priority: DESC}, {completed: ASC}]")]
    public async Task Cursors_at_the_edges_of_each_keys_range_are_accepted(string json, string order)
    {
        var client = (await factory.CreateUserClientAsync()).Client;
        await client.QueryAsync("mutation { createTask(input: {title: \"one\"}) { id } }");
        var separator = order.Length == 0 ? "" : ", ";

        foreach (var (argument, size) in new[] { ("after", "first"), ("before", "last") })
        {
            await client.QueryAsync($"query($cursor: String) {{ tasks({size}: 5, {argument}: $cursor{separator}{order}) {{ totalCount nodes {{ id }} }} }}", new { cursor = Encode(json) });
        }
    }

    [Theory]
    [InlineData("{\"O\":\"Id:asc\",\"V\":[0]}")]
    [InlineData("{\"O\":\"Id:asc\",\"V\":[\"1\"]}")]
    [InlineData("{\"O\":\"Id:asc\",\"V\":[1,2]}")]
    [InlineData("{\"O\":\"CreatedAt:desc\",\"V\":[1]}")]
    public async Task A_tampered_users_cursor_is_a_validation_error(string json)
    {
        var admin = await factory.CreateAdminClientAsync();

        var result = await admin.GraphQLAsync("query($after: String) { users(first: 5, after: $after) { totalCount } }", new { after = Encode(json) });

        Assert.Equal("after", result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(500)]
    public async Task An_order_of_more_than_five_entries_is_refused_quickly_on_both_faces(int entries)
    {
        var client = (await factory.CreateUserClientAsync()).Client;
        string[] keys = ["title", "createdAt", "updatedAt", "dueDate", "priority", "completed"];
        var order = string.Join(", ", Enumerable.Range(0, entries).Select(i => $"{{{keys[i % keys.Length]}: ASC}}"));
        var sort = string.Join(',', Enumerable.Range(0, entries).Select(i => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(keys[i % keys.Length])));

        var stopwatch = Stopwatch.StartNew();
        var result = await client.GraphQLAsync($"{{ tasks(first: 5, order: [{order}]) {{ totalCount }} }}");
        var rest = await client.GetAsync($"/v1/tasks?sort={sort}");
        stopwatch.Stop();

        var error = result.SingleError("VALIDATION_ERROR");
        Assert.Equal("order", error.GetProperty("extensions").GetProperty("field").GetString());
        Assert.Contains("at most 5", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("sort", (await rest.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
        Assert.True(stopwatch.Elapsed < Bound * 2, $"Both took {stopwatch.Elapsed}.");
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
