using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>Deliveries to a real local receiver: signed per Standard Webhooks, retried with the same id, disabled by 410, never redirected.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly TaskGraphFactory _factory = new TaskGraphFactory().ForWebhooks();
    private readonly WebhookReceiver _receiver = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _factory.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_task_change_is_posted_to_the_owners_webhook_signed_per_standard_webhooks()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync(new Uri(_receiver.Url, "/hooks/alice").AbsoluteUri);
        var task = await alice.CreateTaskAsync("Ship the webhooks");

        var received = await _receiver.NextAsync();
        var events = await alice.GetFromJsonAsync<JsonElement>("/v1/events?after=0");
        var eventId = events.EnumerateArray().Last().GetProperty("id").GetInt64();

        Assert.Equal("/hooks/alice", received.Path);
        Assert.Equal("application/json", received.ContentType?.Split(';')[0]);
        Assert.True(received.VerifiesWith(webhook.Secret), "The signature does not verify with the webhook's secret.");
        Assert.False(received.VerifiesWith("whsec_" + Convert.ToBase64String(new byte[32])), "A signature must not verify with another secret.");
        Assert.Equal($"evt_{eventId}_{webhook.Id}", received.Id);
        var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(received.Timestamp, CultureInfo.InvariantCulture));
        Assert.InRange(sent, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)); // the receiver's replay window
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("task.created", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(DateTimeOffset.Parse(task.CreatedAt, CultureInfo.InvariantCulture), body.RootElement.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(task.Id, body.RootElement.GetProperty("data").GetProperty("id").GetInt32());
        Assert.Equal("Ship the webhooks", body.RootElement.GetProperty("data").GetProperty("title").GetString());

        var log = await alice.DeliveriesAsync(webhook.Id, 1);
        var attempt = Assert.Single(log);
        Assert.Equal(("delivered", 200, 1, eventId), (attempt.GetProperty("status").GetString(), attempt.GetProperty("response_status").GetInt32(), attempt.GetProperty("attempt").GetInt32(), attempt.GetProperty("event_id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("next_retry_at").ValueKind);
        Assert.True(attempt.GetProperty("duration_ms").GetInt32() >= 0);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_webhook_id_until_it_succeeds()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync(_receiver.Url.AbsoluteUri, "task.created");
        _receiver.AnswerNext(500, 503);
        await alice.CreateTaskAsync("retried");

        var first = await _receiver.NextAsync();
        var second = await _receiver.NextAsync();
        var third = await _receiver.NextAsync();

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Id, third.Id);
        Assert.Equal(first.Body, third.Body);
        Assert.All(new[] { first, second, third }, r => Assert.True(r.VerifiesWith(webhook.Secret)));
        var log = await alice.DeliveriesAsync(webhook.Id, 3);
        Assert.Equal(["failed", "failed", "delivered"], log.Select(d => d.GetProperty("status").GetString()));
        Assert.Equal([500, 503, 200], log.Select(d => d.GetProperty("response_status").GetInt32()));
        Assert.Equal([1, 2, 3], log.Select(d => d.GetProperty("attempt").GetInt32()));
        Assert.Equal(JsonValueKind.String, log[0].GetProperty("next_retry_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, log[2].GetProperty("next_retry_at").ValueKind);

        await _factory.JobsIdleAsync();
        Assert.Equal(3, _receiver.All.Count);
        var metrics = await _factory.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("taskgraph_webhooks_deliveries_total{otel_scope_name=\"TaskGraph\",outcome=\"failed\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("taskgraph_webhooks_deliveries_total{otel_scope_name=\"TaskGraph\",outcome=\"delivered\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("taskgraph_webhooks_attempt_duration_seconds_count{otel_scope_name=\"TaskGraph\",outcome=\"delivered\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("taskgraph_webhooks_delivery_lag_seconds_count", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_410_disables_the_webhook_and_nothing_more_is_sent_to_it()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        await using var other = new WebhookReceiver();
        var gone = await alice.CreateWebhookAsync(_receiver.Url.AbsoluteUri);
        var witness = await alice.CreateWebhookAsync(other.Url.AbsoluteUri);
        _receiver.AnswerNext(410);
        await alice.CreateTaskAsync("first");
        await _receiver.NextAsync();
        await other.NextAsync();
        await alice.DeliveriesAsync(gone.Id, 1);

        await alice.CreateTaskAsync("second");
        // The witness hears of the second change: the dispatcher has handled it, and the job engine then goes idle.
        await other.NextAsync();
        await _factory.JobsIdleAsync();

        var webhooks = await alice.GetFromJsonAsync<JsonElement>("/v1/webhooks");
        var disabled = webhooks.EnumerateArray().Single(w => w.GetProperty("id").GetInt32() == gone.Id);
        Assert.False(disabled.GetProperty("active").GetBoolean());
        Assert.Contains("410", disabled.GetProperty("disabled_reason").GetString(), StringComparison.Ordinal);
        var log = Assert.Single(await alice.DeliveriesAsync(gone.Id));
        Assert.Equal(("failed", 410), (log.GetProperty("status").GetString(), log.GetProperty("response_status").GetInt32()));
        Assert.Equal(JsonValueKind.Null, log.GetProperty("next_retry_at").ValueKind);
        Assert.Single(_receiver.All);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failed_attempt()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync(_receiver.Url.AbsoluteUri, "task.created");
        _receiver.AnswerNext(307);
        await alice.CreateTaskAsync("redirected");

        var first = await _receiver.NextAsync();
        var retry = await _receiver.NextAsync();

        // Had the redirect been followed, the second request would have gone to /redirected.
        Assert.Equal(("/", "/"), (first.Path, retry.Path));
        var log = await alice.DeliveriesAsync(webhook.Id, 2);
        Assert.Equal([307, 200], log.Select(d => d.GetProperty("response_status").GetInt32()));
    }

    [Fact]
    public async Task An_attempt_without_an_answer_is_cut_off_by_its_timeout_and_retried()
    {
        _factory.Settings["Webhooks:TimeoutSeconds"] = "1";
        var (alice, _) = await _factory.CreateUserClientAsync();
        var webhook = await alice.CreateWebhookAsync(_receiver.Url.AbsoluteUri, "task.created");
        _receiver.AnswerNext(WebhookReceiver.NoAnswer);
        await alice.CreateTaskAsync("slow receiver");

        var hung = await _receiver.NextAsync();
        var retry = await _receiver.NextAsync();

        Assert.Equal(hung.Id, retry.Id);
        var log = await alice.DeliveriesAsync(webhook.Id, 2);
        Assert.Equal(("failed", JsonValueKind.Null), (log[0].GetProperty("status").GetString(), log[0].GetProperty("response_status").ValueKind));
        Assert.Contains("No answer within 1 s", log[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("delivered", log[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Users_receive_only_their_own_tasks_events()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var (bob, _) = await _factory.CreateUserClientAsync();
        var admin = await _factory.CreateAdminClientAsync();
        await using var bobs = new WebhookReceiver();
        await alice.CreateWebhookAsync(_receiver.Url.AbsoluteUri);
        await bob.CreateWebhookAsync(bobs.Url.AbsoluteUri);

        await bob.CreateTaskAsync("owned by bob");
        await alice.CreateTaskAsync("owned by alice");
        await admin.CreateTaskAsync("owned by the admin");
        var alicesDelivery = await _receiver.NextAsync();
        var bobsDelivery = await bobs.NextAsync();
        await _factory.JobsIdleAsync();

        Assert.Contains("owned by alice", alicesDelivery.Body, StringComparison.Ordinal);
        Assert.Contains("owned by bob", bobsDelivery.Body, StringComparison.Ordinal);
        Assert.Equal((1, 1), (_receiver.All.Count, bobs.All.Count));
    }
}
