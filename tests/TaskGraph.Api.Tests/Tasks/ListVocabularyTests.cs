using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>Five tasks of one user and one of another, created over REST, to compare the two faces' lists.</summary>
public sealed class TwoFacesFixture : IAsyncLifetime
{
    public TaskGraphFactory Factory { get; } = new();

    public UserClient Owner { get; private set; } = null!;

    public UserClient Other { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>The third task's creation time, as REST wrote it: a date that splits the list.</summary>
    public string MiddleCreatedAt { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Owner = await Factory.CreateUserClientAsync();
        Other = await Factory.CreateUserClientAsync();
        Admin = await Factory.CreateAdminClientAsync();
        object[] tasks =
        [
            new { title = "Alpha report", description = "quarterly numbers", priority = "low", due_date = "2026-12-01T10:00:00Z" },
            new { title = "beta Review", completed = true, priority = "medium" },
            new { title = "Gamma", description = "Report draft", priority = "high", due_date = "2026-12-10T10:00:00Z" },
            new { title = "alpha notes", description = "misc", completed = true, priority = "high", due_date = "2026-12-05T10:00:00Z" },
            new { title = "epsilon", description = "alpha beta", priority = "low", due_date = "2026-12-05T10:00:00Z" },
        ];
        foreach (var (task, index) in tasks.Select((t, i) => (t, i)))
        {
            var created = await (await Owner.Client.PostAsJsonAsync("/v1/tasks", task)).ReadAsync<TaskDto>(HttpStatusCode.Created);
            if (index == 2)
            {
                MiddleCreatedAt = created.CreatedAt;
            }
        }
        (await Other.Client.PostAsJsonAsync("/v1/tasks", new { title = "Gamma", priority = "high" })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One list vocabulary: every GraphQL filter and sort has a REST spelling that means the same.</summary>
public sealed class ListVocabularyTests(TwoFacesFixture fixture) : IClassFixture<TwoFacesFixture>
{
    [Fact]
    public async Task Every_graphql_filter_field_and_operator_has_a_rest_spelling_with_the_same_result()
    {
        var compared = 0;
        foreach (var (field, inputType) in await InputFieldsAsync("TaskFilterInput"))
        {
            if (field is "and" or "or")
            {
                continue;
            }
            foreach (var (operation, _) in await InputFieldsAsync(inputType))
            {
                foreach (var (graphQL, rest) in Samples(field, inputType, operation))
                {
                    // Only admins filter by owner, on both faces.
                    var client = field == "ownerId" ? fixture.Admin : fixture.Owner.Client;
                    var restParameters = string.Join('&', rest.Select(v => $"{Snake(field)}[{Snake(operation)}]={Uri.EscapeDataString(v)}"));
                    Assert.Equal(
                        await GraphQLIdsAsync(client, $"where: {{{field}: {{{operation}: {graphQL}}}}}"),
                        await RestIdsAsync(client, restParameters));
                    compared++;
                }
            }
        }
        Assert.True(compared >= 40, $"Only {compared} filters compared.");
    }

    [Fact]
    public async Task Every_graphql_sort_key_has_a_rest_name_that_orders_the_same_both_ways()
    {
        var keys = await InputFieldsAsync("TaskSortInput");
        Assert.Contains(keys, k => k.Name == "completed");
        foreach (var (key, _) in keys)
        {
            Assert.Equal(await GraphQLIdsAsync(fixture.Owner.Client, $"order: [{{{key}: ASC}}]", sort: false), await RestIdsAsync(fixture.Owner.Client, $"sort={Snake(key)}", sort: false));
            Assert.Equal(await GraphQLIdsAsync(fixture.Owner.Client, $"order: [{{{key}: DESC}}]", sort: false), await RestIdsAsync(fixture.Owner.Client, $"sort=-{Snake(key)}", sort: false));
        }
        Assert.Equal(
            await GraphQLIdsAsync(fixture.Owner.Client, "order: [{completed: ASC}, {priority: DESC}, {dueDate: ASC}]", sort: false),
            await RestIdsAsync(fixture.Owner.Client, "sort=completed,-priority,due_date", sort: false));
    }

    [Fact]
    public async Task Rest_q_is_title_or_description_containing_the_text_ignoring_case()
    {
        var rest = await RestIdsAsync(fixture.Owner.Client, "q=REPORT");

        Assert.Equal(2, rest.Count);
        Assert.Equal(await GraphQLIdsAsync(fixture.Owner.Client, "where: {or: [{title: {contains: \"report\"}}, {description: {contains: \"report\"}}]}"), rest);
    }

    [Fact]
    public async Task Rest_filters_combine_and_short_names_mean_eq()
    {
        var combined = await RestIdsAsync(fixture.Owner.Client, "priority[in]=low&priority[in]=high&due_date[lt]=2026-12-06&completed=false");

        Assert.Equal(await GraphQLIdsAsync(fixture.Owner.Client, "where: {priority: {in: [LOW, HIGH]}, dueDate: {lt: \"2026-12-06T00:00:00Z\"}, completed: {eq: false}}"), combined);
        Assert.Equal(2, combined.Count);
        Assert.Equal(await RestIdsAsync(fixture.Owner.Client, "priority[eq]=high"), await RestIdsAsync(fixture.Owner.Client, "priority=high"));
    }

    [Fact]
    public async Task Filtering_by_owner_is_refused_to_users_on_both_faces_even_for_their_own_id_and_served_to_admins()
    {
        var own = fixture.Owner.User.Id;
        var client = fixture.Owner.Client;

        foreach (var query in new[] { $"owner_id={own}", $"owner_id[in]={own}", $"owner_id[neq]={fixture.Other.User.Id}" })
        {
            var problem = await (await client.GetAsync($"/v1/tasks?{query}")).AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Only admins can filter tasks by owner", problem.Detail, StringComparison.Ordinal);
        }
        foreach (var where in new[] { $"{{ownerId: {{eq: {own}}}}}", $"{{or: [{{completed: {{eq: true}}}}, {{and: [{{ownerId: {{in: [{own}]}}}}]}}]}}" })
        {
            var result = await client.GraphQLAsync($"{{ tasks(where: {where}) {{ totalCount }} }}");
            Assert.Contains("Only admins can filter tasks by owner", result.SingleError("AUTH_NOT_AUTHORIZED").GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        var restForAdmin = await RestIdsAsync(fixture.Admin, $"owner_id={fixture.Other.User.Id}");
        Assert.Single(restForAdmin);
        Assert.Equal(await GraphQLIdsAsync(fixture.Admin, $"where: {{ownerId: {{eq: {fixture.Other.User.Id}}}}}"), restForAdmin);
    }

    [Theory]
    [InlineData("due_date[gte]=tomorrow", "due_date[gte]")]
    [InlineData("due_date[in]=2026-12-01&due_date[in]=soon", "due_date[in]")]
    [InlineData("due_date[gt]=null", "due_date[gt]")]
    [InlineData("completed[gt]=true", "completed[gt]")]
    [InlineData("title[gte]=a", "title[gte]")]
    [InlineData("title[like]=a", "title[like]")]
    [InlineData("colour[eq]=red", "colour[eq]")]
    [InlineData("title[contains]=a&title[contains]=b", "title[contains]")]
    [InlineData("priority=high&priority[eq]=low", "priority[eq]")]
    [InlineData("priority[in]=urgent", "priority[in]")]
    [InlineData("owner_id[eq]=0", "owner_id[eq]")]
    [InlineData("created_at[lt]=null", "created_at[lt]")]
    [InlineData("title[contains]=a%00b", "title[contains]")]
    [InlineData("q=%00", "q")]
    [InlineData("sort=title,priority,created_at,updated_at,due_date,completed", "sort")]
    [InlineData("sort=title,-title", "sort")]
    public async Task Bad_filters_and_sorts_are_422_naming_the_parameter(string query, string parameter)
    {
        var problem = await (await fixture.Owner.Client.GetAsync($"/v1/tasks?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(parameter, problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("title: {eq: \"a\\u0000\"}", "title")]
    [InlineData("description: {in: [\"ok\", \"\\u0000\"]}", "description")]
    public async Task Text_no_database_can_take_is_a_validation_error_on_graphql(string where, string field)
    {
        var result = await fixture.Owner.Client.GraphQLAsync($"{{ tasks(where: {{{where}}}) {{ totalCount }} }}");

        Assert.Equal(field, result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Every_bad_list_parameter_is_reported_at_once()
    {
        var problem = await (await fixture.Owner.Client.GetAsync("/v1/tasks?limit=0&due_date[gt]=soon&sort=title,priority,created_at,updated_at,due_date,completed"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(["due_date[gt]", "limit", "sort"], problem.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task In_takes_at_most_100_values_on_both_faces()
    {
        var values = Enumerable.Range(1, 101).Select(i => $"2026-01-01T00:00:{i % 60:00}Z").ToList();

        var problem = await (await fixture.Owner.Client.GetAsync("/v1/tasks?" + string.Join('&', values.Select(v => $"due_date[in]={v}")))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("due_date", problem.Errors!.Keys);
        var result = await fixture.Owner.Client.GraphQLAsync("query($in: [DateTime!]) { tasks(where: {dueDate: {in: $in}}) { totalCount } }", new { @in = values });
        Assert.Equal("dueDate", result.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Link_urls_carry_the_list_parameters_but_not_unknown_ones()
    {
        var response = await fixture.Owner.Client.GetAsync("/v1/tasks?limit=2&utm_source=mail&priority[in]=low&priority[in]=high&sort=title");

        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("</v1/tasks?priority%5Bin%5D=low&priority%5Bin%5D=high&sort=title&skip=2&limit=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("utm_source", link, StringComparison.Ordinal);
    }

    /// <summary>GraphQL literals and REST values of one operator, chosen so results differ between operators.</summary>
    private IEnumerable<(string GraphQL, string[] RestValues)> Samples(string field, string inputType, string operation)
    {
        var (one, other) = inputType switch
        {
            "StringOperationFilterInput" => field == "title" ? ("Gamma", "alpha notes") : ("misc", "Report draft"),
            "BooleanOperationFilterInput" => ("true", "false"),
            "PriorityOperationFilterInput" => ("MEDIUM", "HIGH"),
            "DateTimeOperationFilterInput" => field == "dueDate" ? ("2026-12-05T10:00:00Z", "2026-12-01T10:00:00Z") : (fixture.MiddleCreatedAt, "2000-01-01T00:00:00Z"),
            "IdOperationFilterInput" => (fixture.Other.User.Id.ToString(CultureInfo.InvariantCulture), fixture.Owner.User.Id.ToString(CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"No samples for {inputType}."),
        };
        string Literal(string value) => inputType is "BooleanOperationFilterInput" or "PriorityOperationFilterInput" ? value : JsonSerializer.Serialize(value);
        string RestValue(string value) => inputType == "PriorityOperationFilterInput" ? value.ToLowerInvariant() : value;

        if (operation is "in" or "nin")
        {
            yield return ($"[{Literal(one)}, {Literal(other)}]", [RestValue(one), RestValue(other)]);
            yield break;
        }
        if (operation is "contains" or "startsWith")
        {
            yield return (Literal(field == "title" ? "ALPHA" : "re"), [field == "title" ? "ALPHA" : "re"]);
            yield break;
        }
        yield return (Literal(one), [RestValue(one)]);
        if (operation is "eq" or "neq" && field is "description" or "dueDate")
        {
            yield return ("null", ["null"]);
        }
    }

    private static string Snake(string camel) => JsonNamingPolicy.SnakeCaseLower.ConvertName(camel);

    private async Task<List<(string Name, string Type)>> InputFieldsAsync(string type)
    {
        var data = await fixture.Owner.Client.QueryAsync("query($name: String!) { __type(name: $name) { inputFields { name type { name ofType { name } } } } }", new { name = type });
        return [.. data.GetProperty("__type").GetProperty("inputFields").EnumerateArray().Select(f =>
        {
            var fieldType = f.GetProperty("type");
            var name = fieldType.GetProperty("name").GetString() ?? fieldType.GetProperty("ofType").GetProperty("name").GetString()!;
            return (f.GetProperty("name").GetString()!, name);
        })];
    }

    private static async Task<List<int>> GraphQLIdsAsync(HttpClient client, string arguments, bool sort = true)
    {
        var tasks = (await client.QueryAsync($"{{ tasks(first: 100, {arguments}) {{ totalCount nodes {{ id }} }} }}")).GetProperty("tasks");
        var ids = tasks.GetProperty("nodes").EnumerateArray().Select(n => int.Parse(n.GetProperty("id").GetString()!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Count, tasks.GetProperty("totalCount").GetInt32());
        return sort ? [.. ids.Order()] : ids;
    }

    private static async Task<List<int>> RestIdsAsync(HttpClient client, string query, bool sort = true)
    {
        var response = await client.GetAsync($"/v1/tasks?limit=100&{query}");
        var ids = (await response.ReadAsync<List<TaskDto>>()).Select(t => t.Id).ToList();
        Assert.Equal(ids.Count.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
        return sort ? [.. ids.Order()] : ids;
    }
}
