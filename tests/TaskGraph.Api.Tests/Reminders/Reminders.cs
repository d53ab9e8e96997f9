using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TaskGraph.Api.Reminders;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>What the reminder tests share: a clock they drive, direct scans and e-mail runs, the due_soon events of the feed, waiting on a condition.</summary>
public static partial class Reminders
{
    /// <summary>
    /// The app reads <paramref name="clock"/> (Hangfire keeps the real time for its schedule and retries).
    /// Without the schedule no recurring scan is registered and only the test's own scans run, so their
    /// results are exact. With <paramref name="emails"/>, e-mail enqueues go through it.
    /// </summary>
    public static T WithClock<T>(this T factory, FakeTimeProvider clock, bool schedule = true, DroppingReminderEmails? emails = null)
        where T : TaskGraphFactory
    {
        factory.OverrideServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (!schedule)
            {
                services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(ReminderScanSchedule)));
            }
            if (emails is not null)
            {
                services.AddScoped<IReminderEmailJobs>(provider => emails.Over(ActivatorUtilities.CreateInstance<HangfireReminderEmailJobs>(provider)));
            }
        };
        return factory;
    }

    /// <summary>A clock at the real time, so tokens it issues are valid for the real-time JWT check.</summary>
    public static FakeTimeProvider NewClock() => new(DateTimeOffset.UtcNow);

    public static async Task<int> ScanAsync(this TaskGraphFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderScan>().RunAsync(CancellationToken.None);
    }

    /// <summary>Runs a reminder's e-mail job body directly, as a duplicate run would; true when it sent.</summary>
    public static async Task<bool> DeliverEmailAsync(this TaskGraphFactory factory, long reminderId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderMailer>().DeliverAsync(reminderId, CancellationToken.None);
    }

    /// <summary>The task_reminders rows, oldest first.</summary>
    public static async Task<List<TaskReminder>> RemindersAsync(this TaskGraphFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().TaskReminders.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>The <c>taskgraph_reminders_emails_total</c> count for <paramref name="outcome"/> on this instance (0 before the first).</summary>
    public static async Task<long> EmailsCountedAsync(this HttpClient client, string outcome) =>
        EmailsLine().Matches(await client.GetStringAsync("/metrics")) is var lines
        && lines.FirstOrDefault(m => m.Groups[1].Value.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Groups[2].Value, CultureInfo.InvariantCulture)
            : 0;

    /// <summary>Waits (up to 30 s) until <paramref name="condition"/> holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    [GeneratedRegex("""taskgraph_reminders_emails_total\{([^}]*)\} (\d+)""")]
    private static partial Regex EmailsLine();

    public static async Task<TaskDto> CreateTaskDueAsync(this HttpClient client, string title, DateTimeOffset due)
    {
        var response = await client.PostAsJsonAsync("/v1/tasks", new { title, due_date = due.UtcDateTime });
        return await response.ReadAsync<TaskDto>(HttpStatusCode.Created);
    }

    /// <summary>Every <c>task.due_soon</c> event the client's user may see, from GET /v1/events.</summary>
    public static async Task<List<JsonElement>> DueSoonEventsAsync(this HttpClient client)
    {
        var found = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement[]>($"/v1/events?after={after}&limit=100") ?? [];
            if (page.Length == 0)
            {
                return found;
            }
            found.AddRange(page.Where(e => e.GetProperty("type").GetString() == "task.due_soon"));
            after = page[^1].GetProperty("id").GetInt64();
        }
    }
}
