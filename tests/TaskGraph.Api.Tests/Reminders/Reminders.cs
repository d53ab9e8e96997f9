using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>What the reminder tests share: a clock they drive, direct scan and mailer passes, the due_soon events of the feed.</summary>
public static class Reminders
{
    /// <summary>
    /// The app runs on <paramref name="clock"/>: its timers (the reminder schedule's too) move only when
    /// the test advances it. Without the schedule, only the test's own passes run, so their results are exact.
    /// </summary>
    public static T WithClock<T>(this T factory, FakeTimeProvider clock, bool schedule = true)
        where T : TaskGraphFactory
    {
        factory.OverrideServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (!schedule)
            {
                services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(ReminderSchedule)));
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

    public static async Task<int> SendEmailsAsync(this TaskGraphFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderMailer>().SendDueAsync(CancellationToken.None);
    }

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

    /// <summary>Advances the clock in steps and waits (up to 10 s of real time) until the reminder schedule has written the expected events.</summary>
    public static async Task<List<JsonElement>> AdvanceAndWaitForDueSoonAsync(this FakeTimeProvider clock, HttpClient client, int count, TimeSpan step)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        clock.Advance(step);
        while (true)
        {
            var events = await client.DueSoonEventsAsync();
            if (events.Count >= count || DateTime.UtcNow > deadline)
            {
                return events;
            }
            await Task.Delay(50);
        }
    }
}
