using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Events;

/// <summary>Documents and helpers the event and subscription tests share.</summary>
public static class Subscriptions
{
    public const string TaskChanged = """
        subscription($where: TaskFilterInput, $after: ID) {
          taskChanged(where: $where, after: $after) { id type taskId version occurredAt task { id title priority completed ownerId } actor { username } }
        }
        """;

    /// <summary>From the start of the log: a fresh factory's log holds only the test's own events, and nothing races the subscription's start.</summary>
    public static readonly object FromStart = new { after = "0" };

    public static async Task<TaskDto> CreateTaskAsync(this HttpClient client, string title, string priority = "medium")
    {
        var response = await client.PostAsJsonAsync("/v1/tasks", new { title, priority });
        return await response.ReadAsync<TaskDto>(HttpStatusCode.Created);
    }

    /// <summary>The ids of the events the client's user may see after <paramref name="after"/>, from the REST feed.</summary>
    public static async Task<List<long>> EventIdsAfterAsync(this HttpClient client, long after)
    {
        var ids = new List<long>();
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement[]>($"/v1/events?after={after}&limit=100") ?? [];
            if (page.Length == 0)
            {
                return ids;
            }
            ids.AddRange(page.Select(e => e.GetProperty("id").GetInt64()));
            after = ids[^1];
        }
    }

    public static long Id(this JsonElement taskEvent) => long.Parse(taskEvent.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);

    public static string Type(this JsonElement taskEvent) => taskEvent.GetProperty("type").GetString()!;

    public static string Title(this JsonElement taskEvent) => taskEvent.GetProperty("task").GetProperty("title").GetString()!;

    /// <summary>
    /// Waits until a subscription without <c>after</c> is live: creates marker tasks until one arrives
    /// (the protocol has no "subscribed" message), then one last marker, read up to, so no earlier
    /// marker is still on its way. Returns that last marker's event.
    /// </summary>
    public static async Task<JsonElement> WaitUntilLiveAsync(this GraphQLWebSocketClient socket, string id, HttpClient owner)
    {
        for (var attempt = 0; await socket.TryReceiveAsync(TimeSpan.FromMilliseconds(300)) is null; attempt++)
        {
            Assert.True(attempt < 50, "The subscription never went live.");
            await owner.CreateTaskAsync($"marker {attempt}");
        }
        var last = (await owner.CreateTaskAsync("last marker")).Id.ToString(CultureInfo.InvariantCulture);
        while (true)
        {
            var taskEvent = await socket.NextEventAsync(id);
            if (taskEvent.GetProperty("taskId").GetString() == last)
            {
                return taskEvent;
            }
        }
    }
}
