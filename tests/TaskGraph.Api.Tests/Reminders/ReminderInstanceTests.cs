using System.Globalization;
using System.Text.RegularExpressions;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>Several instances scanning one database at the same time still fire each reminder once.</summary>
public sealed partial class ReminderInstanceTests
{
    [Fact]
    public async Task Two_instances_scanning_at_once_write_one_event_per_task()
    {
        var clock = Reminders.NewClock();
        using var one = new TaskGraphFactory().WithClock(clock);
        using var two = new TaskGraphFactory().WithClock(clock);
        two.Settings["Database:Url"] = one.Settings["Database:Url"];
        var (alice, _) = await one.CreateUserClientAsync();
        var ids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await alice.CreateTaskDueAsync($"race {i}", clock.GetUtcNow() + TimeSpan.FromMinutes(10 + i))).Id);
        }
        var oneClient = one.CreateClient();
        var twoClient = two.CreateClient();

        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { one.ScanAsync(), two.ScanAsync() }));

        var fired = (await alice.DueSoonEventsAsync()).Select(e => e.GetProperty("task_id").GetInt32()).ToList();
        Assert.Equal(ids, fired.Order());
        Assert.Equal(20, FiredTotal(await oneClient.GetStringAsync("/metrics")) + FiredTotal(await twoClient.GetStringAsync("/metrics")));
    }

    private static long FiredTotal(string metrics) =>
        FiredLine().Match(metrics) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("""taskgraph_reminders_fired_total(?:\{[^}]*\})? (\d+)""")]
    private static partial Regex FiredLine();
}
