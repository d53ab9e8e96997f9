using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>What the webhook tests share: factory settings, creating a webhook, reading its log, waiting for the job engine to go idle.</summary>
public static class Webhooks
{
    public static readonly string[] AllEvents = ["task.created", "task.updated", "task.deleted", "task.due_soon"];

    /// <summary>Loopback receivers allowed; retries after one second instead of Standard Webhooks' five.</summary>
    public static TaskGraphFactory ForWebhooks(this TaskGraphFactory factory, bool allowPrivate = true)
    {
        factory.Settings["Webhooks:AllowPrivate"] = allowPrivate ? "true" : "false";
        factory.Settings["Webhooks:PollIntervalMilliseconds"] = "100";
        for (var i = 0; i < 7; i++)
        {
            factory.Settings[$"Webhooks:RetryDelaysSeconds:{i}"] = "1";
        }
        return factory;
    }

    public static async Task<CreatedWebhook> CreateWebhookAsync(this HttpClient client, string url, params string[] events)
    {
        var response = await client.PostAsJsonAsync("/v1/webhooks", new { url, events = events.Length == 0 ? AllEvents : events, description = "test receiver" });
        var created = await response.ReadAsync<JsonElement>(HttpStatusCode.Created);
        return new CreatedWebhook(created.GetProperty("id").GetInt32(), created.GetProperty("secret").GetString()!, response.Headers.Location);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient client, int webhookId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/v1/webhooks/{webhookId}/deliveries?limit=100")).EnumerateArray().Reverse()];

    /// <summary>Waits until the log holds <paramref name="count"/> attempts (each is written just after it is made).</summary>
    public static async Task<List<JsonElement>> DeliveriesAsync(this HttpClient client, int webhookId, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var deliveries = await client.DeliveriesAsync(webhookId);
            if (deliveries.Count >= count)
            {
                return deliveries;
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Waits until no job is queued, running or scheduled on this factory's job storage.</summary>
    public static async Task JobsIdleAsync(this TaskGraphFactory factory)
    {
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (monitoring.GetStatistics() is { Enqueued: > 0 } or { Processing: > 0 } or { Scheduled: > 0 })
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}

public sealed record CreatedWebhook(int Id, string Secret, Uri? Location);
