using System.Globalization;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Reminders;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>The scan is a Hangfire recurring job: registered at start-up, each occurrence run on one instance.</summary>
public sealed partial class ReminderScheduleTests
{
    [Fact]
    public void The_scan_is_registered_at_start_up_as_a_recurring_job_every_30_seconds()
    {
        using var factory = new TaskGraphFactory();

        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var scan = Assert.Single(connection.GetRecurringJobs(), job => job.Id == ReminderScanJob.RecurringJobId);
        Assert.Equal("*/30 * * * * *", scan.Cron);
        Assert.Equal((typeof(ReminderScanJob), nameof(ReminderScanJob.RunAsync)), (scan.Job.Type, scan.Job.Method.Name));
        Assert.Equal(0, scan.NextExecution!.Value.Second % 30);
    }

    [Fact]
    public async Task A_task_created_inside_the_window_fires_at_the_next_occurrence_without_any_explicit_scan()
    {
        var clock = Reminders.NewClock();
        using var factory = new TaskGraphFactory().WithClock(clock);
        factory.Settings["Reminders:ScanIntervalSeconds"] = "1";
        var (alice, _) = await factory.CreateUserClientAsync();
        var task = await alice.CreateTaskDueAsync("already close", clock.GetUtcNow() + TimeSpan.FromMinutes(10));
        await alice.CreateTaskDueAsync("not yet", clock.GetUtcNow() + TimeSpan.FromHours(3));

        await Reminders.UntilAsync(async () => (await alice.DueSoonEventsAsync()).Count > 0);

        Assert.Equal([task.Id], (await alice.DueSoonEventsAsync()).Select(e => e.GetProperty("task_id").GetInt32()));
        Assert.NotEmpty(ScanJobs(factory));
    }

    [Fact]
    public async Task Two_instances_on_one_database_and_one_job_storage_fire_each_reminder_once_from_the_schedule()
    {
        var clock = Reminders.NewClock();
        using var one = new TaskGraphFactory().WithClock(clock);
        using var two = new TaskGraphFactory().WithClock(clock);
        two.Settings["Database:Url"] = one.Settings["Database:Url"];
        foreach (var factory in new[] { one, two })
        {
            factory.Settings["Reminders:ScanIntervalSeconds"] = "1";
        }
        var (alice, _) = await one.CreateUserClientAsync();
        var twoClient = two.CreateClient();
        var ids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await alice.CreateTaskDueAsync($"scheduled race {i}", clock.GetUtcNow() + TimeSpan.FromMinutes(10 + i))).Id);
        }

        await Reminders.UntilAsync(async () => (await alice.DueSoonEventsAsync()).Count >= ids.Count);
        // A few more occurrences, run by either instance, find nothing left to fire.
        var scansSoFar = ScanJobs(one).Count;
        await Reminders.UntilAsync(() => Task.FromResult(ScanJobs(one).Count >= scansSoFar + 3));

        var fired = (await alice.DueSoonEventsAsync()).Select(e => e.GetProperty("task_id").GetInt32()).ToList();
        Assert.Equal(ids, fired.Order());
        Assert.Equal(ids.Count, FiredTotal(await alice.GetStringAsync("/metrics")) + FiredTotal(await twoClient.GetStringAsync("/metrics")));
        // Each occurrence became one job, whichever instance's scheduler got there: no occurrence time twice.
        using var connection = one.Services.GetRequiredService<JobStorage>().GetConnection();
        var occurrences = ScanJobs(one).Select(id => connection.GetJobParameter(id, "Time")).ToList();
        Assert.All(occurrences, Assert.NotNull);
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
    }

    /// <summary>The ids of the scan jobs that have run to success, from the shared job storage.</summary>
    private static List<string> ScanJobs(TaskGraphFactory factory) =>
        factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().SucceededJobs(0, 10_000)
            .Where(job => job.Value.Job?.Type == typeof(ReminderScanJob))
            .Select(job => job.Key)
            .ToList();

    private static long FiredTotal(string metrics) =>
        FiredLine().Match(metrics) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("""taskgraph_reminders_fired_total(?:\{[^}]*\})? (\d+)""")]
    private static partial Regex FiredLine();
}
