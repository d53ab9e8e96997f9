using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Api.Webhooks;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>Webhooks never reach loopback, private, link-local, CGNAT or metadata addresses unless WEBHOOK_ALLOW_PRIVATE is set: not at creation, not at delivery after DNS.</summary>
public sealed class WebhookSsrfTests : IAsyncLifetime
{
    private readonly WebhookReceiver _receiver = new();
    private readonly TaskGraphFactory _factory;

    public WebhookSsrfTests()
    {
        // Public-looking names that DNS (the test's) resolves to refused addresses, and one to the receiver.
        var names = new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["loopback.example.com"] = [IPAddress.Loopback],
            ["private.example.com"] = [IPAddress.Parse("10.0.0.1")],
            ["metadata.example.com"] = [IPAddress.Parse("169.254.169.254")],
            ["ipv6-loopback.example.com"] = [IPAddress.IPv6Loopback],
            ["cgnat.example.com"] = [IPAddress.Parse("100.64.0.1")],
            ["mapped.example.com"] = [IPAddress.Parse("::ffff:127.0.0.1")],
        };
        _factory = new TaskGraphFactory().ForWebhooks(allowPrivate: false);
        _factory.OverrideServices = services => services.AddSingleton<IWebhookHostResolver>(new MappedHostResolver(names));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _receiver.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.1.2.3:8080/hook")]
    [InlineData("http://10.0.0.1/hook")]
    [InlineData("http://172.16.5.4/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00:ec2::254]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://localhost:8000/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:password@example.com/hook")]
    public async Task A_url_naming_a_refused_target_is_refused_at_creation_with_422(string url)
    {
        var (alice, _) = await _factory.CreateUserClientAsync();

        var response = await alice.PostAsJsonAsync("/v1/webhooks", new { url, events = new[] { "task.created" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.Errors?.ContainsKey("url"), $"Expected an error on url: {problem.Detail}");
        Assert.Empty(await alice.GetFromJsonAsync<JsonElement[]>("/v1/webhooks") ?? []);
    }

    [Fact]
    public async Task A_public_looking_name_that_resolves_to_a_refused_address_is_not_contacted_at_delivery()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var port = _receiver.Port;
        var names = new[] { "loopback", "private", "metadata", "ipv6-loopback", "cgnat", "mapped" };
        var webhooks = new List<int>();
        foreach (var name in names)
        {
            webhooks.Add((await alice.CreateWebhookAsync($"http://{name}.example.com:{port}/hook", "task.created")).Id);
        }

        await alice.CreateTaskAsync("nobody inside may hear of this");

        foreach (var id in webhooks)
        {
            var attempt = (await alice.DeliveriesAsync(id, 1))[0];
            Assert.Equal("refused", attempt.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("response_status").ValueKind);
            Assert.Contains("resolves only to", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Empty(_receiver.All);
    }
}

/// <summary>With WEBHOOK_ALLOW_PRIVATE=true the same name reaches a receiver on loopback: the refusals above are the guard's, not the network's.</summary>
public sealed class WebhookAllowPrivateTests
{
    [Fact]
    public async Task With_private_targets_allowed_a_name_resolving_to_loopback_is_delivered()
    {
        await using var receiver = new WebhookReceiver();
        using var factory = new TaskGraphFactory().ForWebhooks(allowPrivate: true);
        var names = new Dictionary<string, IPAddress[]> { ["receiver.example.com"] = [IPAddress.Loopback] };
        factory.OverrideServices = services => services.AddSingleton<IWebhookHostResolver>(new MappedHostResolver(names));
        var (alice, _) = await factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync($"http://receiver.example.com:{receiver.Port}/hook", "task.created");

        await alice.CreateTaskAsync("allowed");

        var received = await receiver.NextAsync();
        Assert.True(received.VerifiesWith(webhook.Secret));
    }
}
