using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Tasks;

public sealed class TaskListTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private async Task<(HttpClient Client, UserDto User, List<TaskDto> Tasks)> SeedAsync()
    {
        var (client, user) = await factory.CreateUserClientAsync();
        var seeds = new object[]
        {
            new { title = "Alpha report", priority = "low", due_date = "2026-12-03" },
            new { title = "beta review", priority = "high", completed = true },
            new { title = "Gamma", description = "contains the REPORT word", priority = "medium", due_date = "2026-12-01" },
            new { title = "Delta", priority = "high", due_date = "2026-12-02" },
            new { title = "Epsilon", priority = "low", completed = true, due_date = "2026-12-01" },
        };
        var tasks = new List<TaskDto>();
        foreach (var seed in seeds)
        {
            tasks.Add(await (await client.PostAsJsonAsync("/v1/tasks", seed)).ReadAsync<TaskDto>(HttpStatusCode.Created));
        }
        return (client, user, tasks);
    }

    private static async Task<List<string>> Titles(HttpClient client, string query) =>
        (await (await client.GetAsync("/v1/tasks" + query)).ReadAsync<List<TaskDto>>()).Select(t => t.Title).ToList();

    [Fact]
    public async Task The_default_list_is_newest_first_with_total_count_and_link_headers()
    {
        var (client, _, tasks) = await SeedAsync();

        var response = await client.GetAsync("/v1/tasks");

        var list = await response.ReadAsync<List<TaskDto>>();
        Assert.Equal(tasks.Select(t => t.Id).Reverse(), list.Select(t => t.Id));
        Assert.Equal("5", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("rel=\"first\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_and_limit_page_through_with_github_style_links()
    {
        var (client, _, _) = await SeedAsync();

        var response = await client.GetAsync("/v1/tasks?skip=2&limit=2&sort=title");

        var list = await response.ReadAsync<List<TaskDto>>();
        Assert.Equal(["Delta", "Epsilon"], list.Select(t => t.Title));
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("</v1/tasks?sort=title&skip=0&limit=2>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.Contains("</v1/tasks?sort=title&skip=0&limit=2>; rel=\"prev\"", link, StringComparison.Ordinal);
        Assert.Contains("</v1/tasks?sort=title&skip=4&limit=2>; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("</v1/tasks?sort=title&skip=4&limit=2>; rel=\"last\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_last_page_has_no_next_link_and_the_first_no_prev()
    {
        var (client, _, _) = await SeedAsync();

        var first = (await client.GetAsync("/v1/tasks?limit=3")).Headers.GetValues("Link").Single();
        var last = (await client.GetAsync("/v1/tasks?skip=3&limit=3")).Headers.GetValues("Link").Single();

        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);
        Assert.Contains("rel=\"next\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", last, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?completed=true&sort=title", new[] { "beta review", "Epsilon" })]
    [InlineData("?completed=false&sort=title", new[] { "Alpha report", "Delta", "Gamma" })]
    [InlineData("?priority=high&sort=title", new[] { "beta review", "Delta" })]
    [InlineData("?priority=HIGH&completed=false", new[] { "Delta" })]
    [InlineData("?q=report&sort=title", new[] { "Alpha report", "Gamma" })]
    [InlineData("?q=REVIEW", new[] { "beta review" })]
    [InlineData("?sort=title", new[] { "Alpha report", "beta review", "Delta", "Epsilon", "Gamma" })]
    [InlineData("?sort=-title", new[] { "Gamma", "Epsilon", "Delta", "beta review", "Alpha report" })]
    [InlineData("?sort=-priority,title", new[] { "beta review", "Delta", "Gamma", "Alpha report", "Epsilon" })]
    [InlineData("?sort=priority,-created_at", new[] { "Epsilon", "Alpha report", "Gamma", "Delta", "beta review" })]
    [InlineData("?sort=due_date", new[] { "Gamma", "Epsilon", "Delta", "Alpha report", "beta review" })]
    [InlineData("?sort=-due_date", new[] { "Alpha report", "Delta", "Epsilon", "Gamma", "beta review" })]
    public async Task Filters_and_sorts_run_as_documented(string query, string[] expected)
    {
        var (client, _, _) = await SeedAsync();

        Assert.Equal(expected, await Titles(client, query));
    }

    [Fact]
    public async Task Equal_sort_keys_break_ties_by_id_so_pages_never_overlap()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        for (var i = 0; i < 7; i++)
        {
            await client.PostAsJsonAsync("/v1/tasks", new { title = "same", priority = "low" });
        }

        var pages = new List<int>();
        for (var skip = 0; skip < 7; skip += 3)
        {
            pages.AddRange((await (await client.GetAsync($"/v1/tasks?sort=priority&limit=3&skip={skip}")).ReadAsync<List<TaskDto>>()).Select(t => t.Id));
        }

        Assert.Equal(7, pages.Distinct().Count());
        Assert.Equal(pages.Order(), pages);
    }

    [Fact]
    public async Task Title_sort_and_search_fold_case_beyond_ascii()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        foreach (var title in new[] { "Zebra", "école", "Éclair", "apple" })
        {
            await client.PostAsJsonAsync("/v1/tasks", new { title });
        }

        // Case-folded, then by code point: accented letters come after z (no locale collation).
        Assert.Equal(["apple", "Zebra", "Éclair", "école"], await Titles(client, "?sort=title"));
        Assert.Equal(["Éclair", "école"], await Titles(client, "?q=ÉC&sort=title"));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?skip=-1", "skip")]
    [InlineData("?sort=bogus", "sort")]
    [InlineData("?sort=created_at,-nope", "sort")]
    [InlineData("?completed=maybe", "completed")]
    [InlineData("?priority=urgent", "priority")]
    [InlineData("?priority=2", "priority")]
    [InlineData("?owner_id=abc", "owner_id")]
    public async Task Invalid_query_parameters_are_422_naming_the_parameter(string query, string parameter)
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var problem = await (await client.GetAsync("/v1/tasks" + query)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(parameter, problem.Errors!.Keys);
    }

    [Fact]
    public async Task Limit_is_capped_at_100_and_defaults_to_10()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsJsonAsync("/v1/tasks", new { title = $"t{i}" })));

        Assert.Equal(10, (await (await client.GetAsync("/v1/tasks")).ReadAsync<List<TaskDto>>()).Count);
        Assert.Equal(12, (await (await client.GetAsync("/v1/tasks?limit=100")).ReadAsync<List<TaskDto>>()).Count);
    }

    [Fact]
    public async Task An_empty_list_still_has_headers()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var response = await client.GetAsync("/v1/tasks");

        Assert.Empty(await response.ReadAsync<List<TaskDto>>());
        Assert.Equal("0", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Contains("skip=0&limit=10>; rel=\"last\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }
}
