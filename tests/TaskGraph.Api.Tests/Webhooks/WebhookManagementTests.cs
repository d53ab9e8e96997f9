using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>/v1/webhooks: create (the secret once), list, delete, the deliveries log; validation; owner scoping; the secret at rest.</summary>
public sealed class WebhookManagementTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Creating_a_webhook_answers_201_with_its_secret_once_and_listing_never_shows_it()
    {
        var (alice, _) = await factory.CreateUserClientAsync();

        var response = await alice.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/taskgraph", events = new[] { "task.deleted", "task.created", "task.created" }, description = "CI" });
        var created = await response.ReadAsync<JsonElement>(HttpStatusCode.Created);
        var listed = Assert.Single((await alice.GetFromJsonAsync<JsonElement>("/v1/webhooks")).EnumerateArray());

        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("whsec_", created.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.GetProperty("secret").GetString()!["whsec_".Length..]).Length);
        Assert.Equal(["task.created", "task.deleted"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://hooks.example.com/taskgraph", created.GetProperty("url").GetString());
        Assert.True(created.TryGetProperty("created_at", out _));
        Assert.Equal(id, listed.GetProperty("id").GetInt32());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.True(listed.GetProperty("active").GetBoolean());
        Assert.Equal("CI", listed.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("""{"events":["task.created"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x"}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["task.exploded"]}""", "events")]
    [InlineData("""{"url":"not a url","events":["task.created"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x#frag","events":["task.created"]}""", "url")]
    public async Task Invalid_webhooks_are_refused_with_422_naming_the_field(string body, string field)
    {
        var (alice, _) = await factory.CreateUserClientAsync();

        var response = await alice.PostAsync("/v1/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Errors?.ContainsKey(field), $"Expected an error on {field}: {problem.Detail}");
    }

    [Fact]
    public async Task A_user_may_have_a_bounded_number_of_webhooks()
    {
        using var limited = new TaskGraphFactory();
        limited.Settings["Webhooks:MaxPerUser"] = "2";
        var (alice, _) = await limited.CreateUserClientAsync();
        await alice.CreateWebhookAsync("https://hooks.example.com/1");
        await alice.CreateWebhookAsync("https://hooks.example.com/2");

        var third = await alice.PostAsJsonAsync("/v1/webhooks", new { url = "https://hooks.example.com/3", events = new[] { "task.created" } });

        await third.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Webhooks_are_their_owners_own_even_for_admins()
    {
        var (alice, _) = await factory.CreateUserClientAsync();
        var (bob, _) = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var webhook = await alice.CreateWebhookAsync("https://hooks.example.com/alice");

        Assert.Empty((await bob.GetFromJsonAsync<JsonElement>("/v1/webhooks")).EnumerateArray());
        await (await bob.DeleteAsync($"/v1/webhooks/{webhook.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync($"/v1/webhooks/{webhook.Id}/deliveries")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.DeleteAsync($"/v1/webhooks/{webhook.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/v1/webhooks")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/v1/webhooks/{webhook.Id}")).StatusCode);
        Assert.Empty((await alice.GetFromJsonAsync<JsonElement>("/v1/webhooks")).EnumerateArray());
        await (await alice.DeleteAsync($"/v1/webhooks/{webhook.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_deliveries_log_of_a_new_webhook_is_an_empty_page()
    {
        var (alice, _) = await factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync("https://hooks.example.com/quiet");

        var response = await alice.GetAsync($"/v1/webhooks/{webhook.Id}/deliveries?limit=5");

        Assert.Empty((await response.ReadAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("0", response.Headers.GetValues("X-Total-Count").Single());
        await (await alice.GetAsync($"/v1/webhooks/{webhook.Id}/deliveries?limit=0")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted_so_a_database_dump_does_not_reveal_it()
    {
        var (alice, _) = await factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync("https://hooks.example.com/dump");

        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Webhooks
            .Where(w => w.Id == webhook.Id).Select(w => w.ProtectedSecret).SingleAsync();

        var key = webhook.Secret["whsec_".Length..];
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(key)), stored, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
    }
}
