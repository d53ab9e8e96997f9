using System.Net;
using System.Text.RegularExpressions;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

public sealed partial class GraphiQLTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_browser_GET_of_graphql_gets_the_GraphiQL_page()
    {
        var response = await GetAsync("/graphql", BrowserAccept);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("id=\"graphiql\"", html, StringComparison.Ordinal);
        Assert.Contains("Accept", response.Headers.Vary);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_loads_only_local_assets()
    {
        var html = await (await GetAsync("/graphql", BrowserAccept)).Content.ReadAsStringAsync();

        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        var references = AssetAttribute().Matches(html).Select(match => match.Groups["url"].Value).ToList();
        Assert.All(references, url => Assert.True(url.StartsWith("/graphql/ide/", StringComparison.Ordinal) || url == "data:,", url));
        Assert.Equal(5, AssetUrls(html).Count); // React, ReactDOM, GraphiQL's script and styles, our mount script
    }

    [Fact]
    public async Task Every_asset_the_page_references_is_served_with_its_content_type_and_cached_for_good()
    {
        var html = await (await GetAsync("/graphql", BrowserAccept)).Content.ReadAsStringAsync();

        foreach (var url in AssetUrls(html))
        {
            var response = await _client.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            var expected = url.Contains(".css?", StringComparison.Ordinal) ? "text/css" : "text/javascript";
            Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Content.Headers.ContentLength > 0, url);
            Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task The_page_links_each_asset_by_a_content_fingerprint()
    {
        var first = await (await GetAsync("/graphql", BrowserAccept)).Content.ReadAsStringAsync();
        var second = await (await GetAsync("/graphql", "text/html")).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.All(AssetUrls(first), url => Assert.Matches(@"\?v=[0-9a-f]{16}$", url));
    }

    [Fact]
    public async Task An_asset_without_a_fingerprint_must_be_revalidated()
    {
        var response = await _client.GetAsync("/graphql/ide/graphiql.min.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task A_HEAD_request_gets_the_page_headers_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/graphql/ide/index.html")]
    [InlineData("/graphql/ide/missing.js")]
    public async Task Files_other_than_the_bundles_are_not_served(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/graphql-response+json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9")]
    [InlineData("*/*")]
    [InlineData("application/json, text/html")]
    [InlineData("text/html;q=0")]
    [InlineData(null)]
    public async Task GraphQL_clients_are_not_given_the_page(string? accept)
    {
        var response = await GetAsync("/graphql", accept);

        await AssertNotThePageAsync(response);
    }

    [Fact]
    public async Task A_GET_with_a_query_parameter_is_a_GraphQL_request_even_from_a_browser()
    {
        var response = await GetAsync("/graphql?query=%7B__typename%7D", BrowserAccept);

        await AssertNotThePageAsync(response);
    }

    [Fact]
    public async Task Other_methods_and_paths_pass_through()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{}") };
        post.Headers.Accept.ParseAdd("text/html");

        await AssertNotThePageAsync(await _client.SendAsync(post));
        await AssertNotThePageAsync(await GetAsync("/graphql/other", BrowserAccept));
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await _client.SendAsync(request);
    }

    private static async Task AssertNotThePageAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("id=\"graphiql\"", body, StringComparison.Ordinal);
    }

    /// <summary>The files the page loads from the app (the favicon is an empty data: URL).</summary>
    private static List<string> AssetUrls(string html) =>
        AssetAttribute().Matches(html).Select(match => match.Groups["url"].Value)
            .Where(url => !url.StartsWith("data:", StringComparison.Ordinal)).ToList();

    [GeneratedRegex(@"(?:src|href)=""(?<url>[^""]+)""")]
    private static partial Regex AssetAttribute();
}
