using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>task.due_soon: once per task and due date, REMINDER_LEAD_MINUTES (60) before it, through the event log.</summary>
public sealed class ReminderTests : IDisposable
{
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(60);

    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Reminders.NewClock();
    private readonly TaskGraphFactory _factory;

    public ReminderTests() => _factory = new TaskGraphFactory().WithClock(_clock);

    public void Dispose() => _factory.Dispose();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task A_task_entering_the_window_gets_one_due_soon_event_however_many_scans_run()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var task = await alice.CreateTaskDueAsync("file the report", Now + Lead + TimeSpan.FromMinutes(5));

        await _factory.ScanAsync();
        Assert.Empty(await alice.DueSoonEventsAsync());

        _clock.Advance(TimeSpan.FromMinutes(6));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _factory.ScanAsync()));
        await _factory.ScanAsync();

        var fired = Assert.Single(await alice.DueSoonEventsAsync());
        Assert.Equal(task.Id, fired.GetProperty("task_id").GetInt32());
        Assert.Equal(JsonValueKind.Null, fired.GetProperty("actor_id").ValueKind);
        Assert.Equal(task.Version, fired.GetProperty("version").GetInt32());
        Assert.Equal("file the report", fired.GetProperty("data").GetProperty("title").GetString());
        Assert.Equal(Now.UtcDateTime, fired.GetProperty("occurred_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Matches("""taskgraph_reminders_fired_total(\{[^}]*\})? 1\b""", await alice.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task Changing_the_due_date_re_arms_the_reminder_and_returning_to_a_fired_date_does_not()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var firstDue = Now + TimeSpan.FromMinutes(30);
        var task = await alice.CreateTaskDueAsync("moving target", firstDue);
        await _factory.ScanAsync();

        await Patch(alice, task.Id, new { due_date = (Now + TimeSpan.FromMinutes(50)).UtcDateTime });
        await _factory.ScanAsync();
        await Patch(alice, task.Id, new { due_date = firstDue.UtcDateTime });
        await _factory.ScanAsync();
        await Patch(alice, task.Id, new { due_date = (Now + TimeSpan.FromDays(2)).UtcDateTime });
        await _factory.ScanAsync();

        var dueDates = (await alice.DueSoonEventsAsync()).Select(e => e.GetProperty("data").GetProperty("due_date").GetDateTime().ToUniversalTime()).ToList();
        Assert.Equal(2, dueDates.Count);
        Assert.Equal(firstDue.UtcDateTime, dueDates[0], TimeSpan.FromMilliseconds(1));
        Assert.Equal((Now + TimeSpan.FromMinutes(50)).UtcDateTime, dueDates[1], TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Completing_or_deleting_cancels_and_reopening_fires_only_if_it_never_fired_for_that_date()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        var due = Now + Lead + TimeSpan.FromMinutes(5);
        var completedEarly = await alice.CreateTaskDueAsync("completed before the window", due);
        var deleted = await alice.CreateTaskDueAsync("deleted before the window", due);
        var firedThenReopened = await alice.CreateTaskDueAsync("fired, completed, reopened", Now + TimeSpan.FromMinutes(20));
        await _factory.ScanAsync();
        Assert.Equal([firedThenReopened.Id], (await alice.DueSoonEventsAsync()).Select(TaskId));

        await Patch(alice, completedEarly.Id, new { completed = true });
        (await alice.DeleteAsync($"/v1/tasks/{deleted.Id}")).EnsureSuccessStatusCode();
        await Patch(alice, firedThenReopened.Id, new { completed = true });
        _clock.Advance(TimeSpan.FromMinutes(6));
        await _factory.ScanAsync();
        Assert.Equal([firedThenReopened.Id], (await alice.DueSoonEventsAsync()).Select(TaskId));

        await Patch(alice, completedEarly.Id, new { completed = false });
        await Patch(alice, firedThenReopened.Id, new { completed = false });
        await _factory.ScanAsync();

        Assert.Equal([firedThenReopened.Id, completedEarly.Id], (await alice.DueSoonEventsAsync()).Select(TaskId));
    }

    [Fact]
    public async Task A_task_already_past_due_gets_no_reminder()
    {
        var (alice, _) = await _factory.CreateUserClientAsync();
        await alice.CreateTaskDueAsync("overdue", Now - TimeSpan.FromMinutes(1));

        await _factory.ScanAsync();

        Assert.Empty(await alice.DueSoonEventsAsync());
    }

    [Fact]
    public async Task The_due_soon_event_reaches_a_task_changed_subscription_with_no_actor()
    {
        using var factory = new TaskGraphFactory().WithKestrel().WithClock(_clock);
        var alice = await factory.CreateUserClientAsync();
        var task = await alice.Client.CreateTaskDueAsync("subscribed", Now + TimeSpan.FromMinutes(15));
        await using var socket = await GraphQLWebSocketClient.ConnectAndInitAsync(factory, alice.Token);
        await socket.SubscribeAsync("1", Subscriptions.TaskChanged, Subscriptions.FromStart);
        Assert.Equal("CREATED", (await socket.NextEventAsync("1")).Type());

        await factory.ScanAsync();

        var dueSoon = await socket.NextEventAsync("1");
        Assert.Equal("DUE_SOON", dueSoon.Type());
        Assert.Equal(task.Id.ToString(CultureInfo.InvariantCulture), dueSoon.GetProperty("taskId").GetString());
        Assert.Equal("subscribed", dueSoon.Title());
        Assert.Equal(JsonValueKind.Null, dueSoon.GetProperty("actor").ValueKind);
    }

    private static int TaskId(JsonElement dueSoon) => dueSoon.GetProperty("task_id").GetInt32();

    private static async Task Patch(HttpClient client, int id, object changes) =>
        (await client.PatchAsJsonAsync($"/v1/tasks/{id}", changes)).EnsureSuccessStatusCode();
}
