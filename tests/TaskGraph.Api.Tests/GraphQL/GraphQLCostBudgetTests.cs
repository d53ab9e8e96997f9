using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Api.Tests.RateLimiting;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>Each client's budget of cost points, and login/register fields as login attempts.</summary>
public sealed class GraphQLCostBudgetTests
{
    /// <summary>2 + 20 × (nodes 1 + owner 1) = 42 points before execution.</summary>
    private const string Page = "{ tasks { nodes { id owner { username } } } }";

    [Fact]
    public async Task Points_a_short_page_did_not_use_come_back_to_the_budget()
    {
        using var factory = new TaskGraphFactory().WithCostBudget(100);
        var alice = await factory.CreateUserClientAsync();

        // 42 points each before execution; without the give-back the third would not fit in 100.
        var pages = new List<GraphQLResult>();
        for (var i = 0; i < 3; i++)
        {
            pages.Add(await alice.Client.GraphQLAsync(Page));
        }

        Assert.All(pages, page =>
        {
            Assert.Empty(page.Errors);
            Assert.Equal(42, page.Cost.GetProperty("requestedQueryCost").GetInt64());
            Assert.Equal(2, page.Cost.GetProperty("actualQueryCost").GetInt64()); // no tasks: the page query and the count
        });
        Assert.InRange(pages[^1].Cost.GetProperty("throttleStatus").GetProperty("currentlyAvailable").GetInt64(), 94, 100);
    }

    [Fact]
    public async Task Over_budget_is_429_with_retry_after_and_nothing_executed()
    {
        using var factory = new TaskGraphFactory().WithCostBudget(100);
        var alice = await factory.CreateUserClientAsync();
        // 60 points charged and kept: six createTask fields with nothing to give back.
        var creates = $"mutation {{ {string.Join(' ', Enumerable.Range(0, 6).Select(i => $"c{i}: createTask(input: {{title: \"t{i}\"}}) {{ id }}"))} }}";

        var paid = await alice.Client.GraphQLAsync(creates);
        var refused = await alice.Client.GraphQLAsync(creates);

        Assert.Equal(60, paid.Cost.GetProperty("actualQueryCost").GetInt64());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        var error = refused.SingleError("RATE_LIMITED");
        Assert.False(refused.Root.TryGetProperty("data", out _));
        Assert.InRange(refused.RetryAfter ?? 0, 1, 60);
        Assert.Equal(refused.RetryAfter, error.GetProperty("extensions").GetProperty("retryAfter").GetInt32());
        Assert.Contains("costs 60 points", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(60, refused.Cost.GetProperty("requestedQueryCost").GetInt64());
        Assert.Equal(0, refused.Cost.GetProperty("actualQueryCost").GetInt64());
        Assert.InRange(refused.Cost.GetProperty("throttleStatus").GetProperty("currentlyAvailable").GetInt64(), 40, 59);
        var tasks = await alice.Client.GetAsync("/v1/tasks");
        Assert.Equal("6", tasks.Headers.GetValues("X-Total-Count").Single());
        var metrics = await factory.CreateClient().GetStringAsync("/metrics");
        Assert.Matches("""taskgraph_graphql_cost_refusals_total\{[^}]*reason="budget"[^}]*\} 1\b""", metrics);
        Assert.Matches("""taskgraph_graphql_cost_total(\{[^}]*\})? 60\b""", metrics);
    }

    [Fact]
    public async Task Anonymous_callers_have_a_budget_per_address()
    {
        using var factory = new TaskGraphFactory().WithCostBudget(60);
        var client = factory.CreateClient();
        var jokes = "{ a: joke { id } b: joke { id } }"; // 50

        Task<GraphQLResult> From(string address)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = jokes }) }.From(address);
            return SendAsync(client, request);
        }

        Assert.Empty((await From("198.51.100.7")).Errors);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await From("198.51.100.7")).Status);
        Assert.Empty((await From("198.51.100.8")).Errors);
    }

    [Fact]
    public async Task Login_fields_are_login_attempts_and_an_operation_asking_more_than_remain_runs_none()
    {
        using var factory = new TaskGraphFactory().WithAuthRateLimit(5);
        await factory.CreateUserClientAsync("attempted", "right-password"); // register and login: 2 attempts from 127.0.0.1
        var client = factory.CreateClient();
        string Logins(int count) => $"mutation {{ {string.Join(' ', Enumerable.Range(0, count).Select(i => $"l{i}: login(input: {{username: \"attempted\", password: \"guess-{i:000}\"}}) {{ accessToken }}"))} }}";
        using var verifications = factory.CountPasswordVerifications();

        var four = await client.GraphQLAsync(Logins(4));
        var afterFour = verifications.Count();
        var two = await client.GraphQLAsync(Logins(2));
        var thirty = await client.GraphQLAsync(Logins(30));

        // Three attempts were left: four are refused whole, without one bcrypt computation.
        Assert.Equal(HttpStatusCode.TooManyRequests, four.Status);
        Assert.Contains("4 login attempts", four.SingleError("RATE_LIMITED").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, afterFour);
        Assert.InRange(four.RetryAfter ?? 0, 1, 60);
        // Two fit, and both are checked.
        Assert.Equal(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS"], two.Codes);
        Assert.Equal(2, verifications.Count());
        // Thirty cost 1,500 points: too complex, whatever the attempts left.
        thirty.SingleError("QUERY_TOO_COMPLEX");
        Assert.Equal(2, verifications.Count());
        // REST login shares the attempts: one left.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/v1/auth/login", new { username = "attempted", password = "wrong-password" })).StatusCode);
        await (await client.PostAsJsonAsync("/v1/auth/login", new { username = "attempted", password = "right-password" })).AssertTooManyRequestsAsync(60);
    }

    [Fact]
    public async Task Aliased_registrations_beyond_the_attempts_left_create_no_account()
    {
        using var factory = new TaskGraphFactory().WithAuthRateLimit(5);
        var admin = await factory.CreateAdminClientAsync(); // one attempt from 127.0.0.1
        var registrations = string.Join(' ', Enumerable.Range(0, 20).Select(i => $"r{i}: register(input: {{username: \"bulk_{i}\", email: \"bulk{i}@example.com\", password: \"password-123\"}}) {{ id }}"));

        var result = await factory.CreateClient().GraphQLAsync($"mutation {{ {registrations} }}");

        Assert.Equal(HttpStatusCode.TooManyRequests, result.Status);
        result.SingleError("RATE_LIMITED");
        var users = await admin.GetAsync("/v1/users");
        Assert.Equal("1", users.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public void A_max_cost_above_the_cost_limit_stops_start_up_naming_both_variables()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["GraphQL:MaxCost"] = "6000";
        factory.Settings["GraphQL:CostLimit"] = "5000";

        var exception = factory.StartupError();

        Assert.NotNull(exception);
        Assert.Contains("GRAPHQL_MAX_COST", exception.ToString(), StringComparison.Ordinal);
        Assert.Contains("GRAPHQL_COST_LIMIT", exception.ToString(), StringComparison.Ordinal);
    }

    private static async Task<GraphQLResult> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new GraphQLResult(response.StatusCode, body, null);
    }
}
