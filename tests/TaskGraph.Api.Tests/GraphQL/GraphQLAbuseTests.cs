using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>
/// Documents built to make one request do unbounded work, each refused before anything runs and
/// within a generous bound (the machine is shared, so the bound is wide; the attacks took 10–30 s).
/// The clock starts after the app has answered once, so host start-up and JIT are not counted.
/// </summary>
public sealed class GraphQLAbuseTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>24 fragments, each spreading the next twice: about 1 KB that expands to 2^23 fields.</summary>
    public static string FragmentBomb(int levels)
    {
        var fragments = Enumerable.Range(1, levels - 1).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}")
            .Append($"fragment F{levels} on Query {{ __typename }}");
        return $"{{ ...F1 }} {string.Join(' ', fragments)}";
    }

    [Fact]
    public async Task A_fragment_bomb_is_too_complex_before_validation()
    {
        var query = FragmentBomb(24);
        Assert.InRange(query.Length, 900, 1200);

        var (result, elapsed) = await TimedAsync(factory.CreateClient(), query);

        var error = result.SingleError("QUERY_TOO_COMPLEX");
        Assert.Contains("8388608 fields once fragments are expanded", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(result.Root.TryGetProperty("data", out _));
        Assert.True(elapsed < Bound, $"answered in {elapsed}");
    }

    [Fact]
    public async Task More_than_2000_fields_are_too_complex_and_exactly_2000_are_fine()
    {
        var client = factory.CreateClient();

        var over = await client.GraphQLAsync($"{{ {string.Join(' ', Enumerable.Repeat("__typename", 2001))} }}");
        var limit = await client.GraphQLAsync($"{{ {string.Join(' ', Enumerable.Repeat("__typename", 2000))} }}");

        Assert.Contains("2001 fields", over.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Query", limit.Data.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Forty_thousand_repeated_fields_are_refused_before_the_quadratic_overlap_rule()
    {
        // A document length limit this high lets the 440 KB document through to the field count.
        using var lenient = new TaskGraphFactory();
        lenient.Settings["GraphQL:MaxDocumentLength"] = "1000000";
        var query = $"{{ {string.Join(' ', Enumerable.Repeat("__typename", 40_000))} }}";

        var (result, elapsed) = await TimedAsync(lenient.CreateClient(), query);
        var (byLength, lengthElapsed) = await TimedAsync(factory.CreateClient(), query);

        Assert.Contains("40000 fields", result.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("characters long", byLength.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(elapsed < Bound, $"answered in {elapsed}");
        Assert.True(lengthElapsed < Bound, $"answered in {lengthElapsed}");
    }

    [Theory]
    [InlineData("selections")]
    [InlineData("values")]
    public async Task A_document_deeper_than_the_parser_allows_is_a_400_not_a_500(string nesting)
    {
        var query = nesting == "selections"
            ? $"{{ {string.Concat(Enumerable.Repeat("me { ", 200))}id{new string('}', 201)}"
            : $"{{ tasks(where: {string.Concat(Enumerable.Repeat("{and: [", 100))}{{}}{string.Concat(Enumerable.Repeat("]}", 100))}) {{ totalCount }} }}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var client = await WarmAsync(factory.CreateClient());

        var clock = Stopwatch.StartNew();
        var response = await client.SendAsync(request);

        var error = await GraphQLHttpTests.AssertErrorAsync(response, HttpStatusCode.BadRequest, "QUERY_TOO_COMPLEX");
        Assert.Contains("parser's limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < Bound, $"answered in {clock.Elapsed}");
    }

    [Fact]
    public async Task Six_hundred_aliased_createTask_are_refused_by_their_price_and_create_nothing()
    {
        var alice = await factory.CreateUserClientAsync();
        var creates = string.Join(' ', Enumerable.Range(0, 600).Select(i => $"c{i}: createTask(input: {{title: \"spam {i}\"}}) {{ id }}"));

        var (result, elapsed) = await TimedAsync(alice.Client, $"mutation {{ {creates} }}");

        var error = result.SingleError("QUERY_TOO_COMPLEX");
        Assert.Contains("costs 6000 points", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(6000, result.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(0, result.Cost.GetProperty("actualQueryCost").GetInt64());
        Assert.True(elapsed < Bound, $"answered in {elapsed}");
        var list = await alice.Client.GetAsync("/v1/tasks");
        Assert.Equal("0", list.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Aliased_jokes_share_one_upstream_call_and_too_many_are_refused_by_price()
    {
        var client = factory.CreateClient();
        string Jokes(int count) => $"{{ {string.Join(' ', Enumerable.Range(0, count).Select(i => $"j{i}: joke {{ id setup }}"))} }}";
        var before = factory.Jokes.Calls;

        var twenty = await client.QueryAsync(Jokes(20));
        var afterTwenty = factory.Jokes.Calls;
        var fifty = await client.GraphQLAsync(Jokes(50));

        Assert.Equal(1, afterTwenty - before);
        Assert.Single(twenty.EnumerateObject().Select(j => j.Value.GetProperty("setup").GetString()).Distinct());
        Assert.Contains("costs 1250 points", fifty.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(afterTwenty, factory.Jokes.Calls);
    }

    [Fact]
    public async Task Every_response_reports_its_cost_in_shopifys_shape()
    {
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.PostAsJsonAsync("/v1/tasks", new { title = "one task" });

        var page = await alice.Client.GraphQLAsync("{ tasks { nodes { id owner { username } } } }");
        var invalid = await alice.Client.GraphQLAsync("{ nope }");
        var unparsable = await alice.Client.GraphQLAsync("{");

        // A page of 20 tasks with their owner costs 2 + 20 × 2; one task came back, so 19 × 2 were given back.
        Assert.Equal(42, page.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(4, page.Cost.GetProperty("actualQueryCost").GetInt64());
        var throttle = page.Cost.GetProperty("throttleStatus");
        Assert.Equal(100_000_000, throttle.GetProperty("maximumAvailable").GetInt64());
        Assert.InRange(throttle.GetProperty("currentlyAvailable").GetInt64(), 100_000_000 - 4, 100_000_000);
        Assert.True(throttle.GetProperty("restoreRate").GetDouble() > 0);
        foreach (var failed in new[] { invalid, unparsable })
        {
            Assert.Equal(JsonValueKind.Null, failed.Cost.GetProperty("requestedQueryCost").ValueKind);
            Assert.Equal(0, failed.Cost.GetProperty("actualQueryCost").GetInt64());
            Assert.True(failed.Cost.GetProperty("throttleStatus").GetProperty("currentlyAvailable").GetInt64() > 0);
        }
    }

    [Fact]
    public async Task A_chain_of_thousands_of_fragments_is_refused_before_any_walk_could_overflow_the_stack()
    {
        // Each fragment spreads the next once: 2,700 fit in the length limit, and took the process down.
        static string Chain(int length) => $"{{ ...F1 }} {string.Join(' ', Enumerable.Range(1, length - 1).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} }}"))} fragment F{length} on Query {{ __typename }}";

        var (result, elapsed) = await TimedAsync(factory.CreateClient(), Chain(2700));
        var allowed = await factory.CreateClient().QueryAsync(Chain(32));

        Assert.Contains("spread inside each other 2700 deep", result.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(elapsed < Bound, $"answered in {elapsed}");
        Assert.Equal("Query", allowed.GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task Fields_nested_through_fragments_deeper_than_any_limit_are_refused_before_validation()
    {
        // Each fragment adds two levels of introspection: 2 + 39 × 2 + 1 = 81.
        var fragments = Enumerable.Range(1, 39).Select(i => $"fragment T{i} on __Type {{ fields {{ type {{ ...T{i + 1} }} }} }}").Append("fragment T40 on __Type { name }");
        var query = $"{{ __schema {{ types {{ ...T1 }} }} }} {string.Join(' ', fragments)}";

        var result = await factory.CreateClient().GraphQLAsync(query);

        Assert.Contains("81 levels deep once fragments are expanded", result.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task<(GraphQLResult Result, TimeSpan Elapsed)> TimedAsync(HttpClient client, string query)
    {
        await WarmAsync(client);
        var clock = Stopwatch.StartNew();
        var result = await client.GraphQLAsync(query);
        return (result, clock.Elapsed);
    }

    private static async Task<HttpClient> WarmAsync(HttpClient client)
    {
        await client.GraphQLAsync("{ __typename }");
        return client;
    }
}
