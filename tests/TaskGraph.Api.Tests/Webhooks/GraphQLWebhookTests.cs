using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>GraphQL's webhooks, createWebhook and deleteWebhook: the same core as REST, priced like other mutations.</summary>
public sealed class GraphQLWebhookTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private const string Create = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url events description active createdAt } } }";

    [Fact]
    public async Task A_webhook_created_over_graphql_is_listed_without_its_secret_and_deleted()
    {
        var alice = await factory.CreateUserClientAsync();

        var created = (await alice.Client.QueryAsync(Create, new { input = new { url = "https://hooks.example.com/gql", events = new[] { "UPDATED", "CREATED" } } })).GetProperty("createWebhook");
        var listed = (await alice.Client.QueryAsync("{ webhooks { id url events active } }")).GetProperty("webhooks");
        var rest = await alice.Client.GetFromJsonAsync<JsonElement>("/v1/webhooks");

        var id = created.GetProperty("webhook").GetProperty("id").GetString();
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(["CREATED", "UPDATED"], created.GetProperty("webhook").GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(id, Assert.Single(listed.EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(["task.created", "task.updated"], Assert.Single(rest.EnumerateArray()).GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var deleted = await alice.Client.QueryAsync("mutation($id: ID!) { deleteWebhook(id: $id) }", new { id });
        Assert.Equal(id, deleted.GetProperty("deleteWebhook").GetString());
        Assert.Empty((await alice.Client.QueryAsync("{ webhooks { id } }")).GetProperty("webhooks").EnumerateArray());
        var again = await alice.Client.GraphQLAsync("mutation($id: ID!) { deleteWebhook(id: $id) }", new { id });
        Assert.Equal(["NOT_FOUND"], again.Codes);
    }

    [Fact]
    public async Task A_refused_url_is_a_validation_error_naming_the_field_and_mutations_cost_like_others()
    {
        var alice = await factory.CreateUserClientAsync();

        var refused = await alice.Client.GraphQLAsync(Create, new { input = new { url = "http://169.254.169.254/latest", events = new[] { "CREATED" } } });
        var priced = await alice.Client.GraphQLAsync("mutation { createWebhook(input: {url: \"https://hooks.example.com/p\", events: [DELETED]}) { secret } }");

        Assert.Equal("url", refused.SingleError("VALIDATION_ERROR").GetProperty("extensions").GetProperty("field").GetString());
        Assert.Equal(10, priced.Root.GetProperty("extensions").GetProperty("cost").GetProperty("requestedQueryCost").GetInt32());
        var anonymous = await factory.CreateClient().GraphQLAsync("{ webhooks { id } }");
        Assert.NotEmpty(anonymous.Errors);
    }
}
