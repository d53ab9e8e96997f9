using System.Globalization;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Reminders;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>With SMTP_URL the owner gets each reminder by e-mail (MailKit), sent by a Hangfire job to a real local SMTP server.</summary>
public sealed class ReminderEmailTests
{
    [Fact]
    public async Task The_owner_gets_an_email_with_a_plain_text_and_an_html_body()
    {
        await using var smtp = new LocalSmtpServer();
        var clock = Reminders.NewClock();
        using var factory = new LoggingTaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://mailer:s3cret%40pass@127.0.0.1:{smtp.Port}";
        factory.Settings["Smtp:From"] = "TaskGraph Reminders <reminders@taskgraph.test>";
        var alice = await factory.CreateUserClientAsync();
        var task = await alice.Client.CreateTaskDueAsync("Pay <b>rent</b> & bills", clock.GetUtcNow() + TimeSpan.FromMinutes(45));

        await factory.ScanAsync();

        var message = await smtp.NextMessageAsync();
        var reminder = Assert.Single(await factory.RemindersAsync());
        Assert.Equal($"reminder-{reminder.Id.ToString(CultureInfo.InvariantCulture)}@taskgraph.test", message.MessageId);
        Assert.Equal(alice.User.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("reminders@taskgraph.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Due soon: Pay <b>rent</b> & bills", message.Subject);
        Assert.Contains("\"Pay <b>rent</b> & bills\"", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"(#{task.Id.ToString(CultureInfo.InvariantCulture)})", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Pay &lt;b&gt;rent&lt;/b&gt; &amp; bills</strong>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>rent", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(("mailer", "s3cret@pass"), Assert.Single(smtp.Logins));

        // Sent once: once the row records it, a duplicate run of the job (a crash, a second enqueue) sends nothing.
        await Reminders.UntilAsync(async () => (await factory.RemindersAsync()).Single().EmailSentAt is not null);
        Assert.False(await factory.DeliverEmailAsync(reminder.Id));
        Assert.False(smtp.TryTakeMessage(out _));
        Assert.Equal(1, await alice.Client.EmailsCountedAsync("sent"));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_smtp_server_that_refuses_first_gets_the_email_exactly_once_through_the_job_engines_retry()
    {
        await using var smtp = new LocalSmtpServer(refuseFirst: 1);
        var clock = Reminders.NewClock();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://127.0.0.1:{smtp.Port}";
        factory.Settings["Smtp:RetryDelaysSeconds:0"] = "1";
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("refused once", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        await factory.ScanAsync();

        Assert.Equal("Due soon: refused once", (await smtp.NextMessageAsync()).Subject);
        Assert.Equal(1, smtp.Refused);
        var job = await EmailJobAsync(factory, SucceededState.StateName);
        // Hangfire's AutomaticRetry scheduled the second attempt, after SMTP's first retry delay.
        Assert.Contains(job.History, state => state.StateName == ScheduledState.StateName && state.Reason.StartsWith("Retry attempt 1 of 7", StringComparison.Ordinal));
        var reminder = Assert.Single(await factory.RemindersAsync());
        Assert.Equal((2, true, null), (reminder.EmailAttempts, reminder.EmailSentAt is not null, reminder.EmailDueAt));
        Assert.Equal((1, 1), (await alice.Client.EmailsCountedAsync("failed"), await alice.Client.EmailsCountedAsync("sent")));
        Assert.False(smtp.TryTakeMessage(out _));
    }

    [Fact]
    public async Task An_smtp_outage_delays_the_email_without_losing_it_or_holding_up_reminders()
    {
        var port = LoopbackPort.Free();
        var clock = Reminders.NewClock();
        using var factory = new LoggingTaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://mailer:outage-pass@127.0.0.1:{port}";
        factory.Settings["Smtp:RetryDelaysSeconds:0"] = "1";
        factory.Settings["Smtp:MaxAttempts"] = "20";
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("first", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        // Nothing listens: attempts fail and are retried; reminders keep firing meanwhile.
        await factory.ScanAsync();
        await Reminders.UntilAsync(async () => await alice.Client.EmailsCountedAsync("failed") >= 1);
        await alice.Client.CreateTaskDueAsync("second", clock.GetUtcNow() + TimeSpan.FromMinutes(40));
        await factory.ScanAsync();
        Assert.Equal(2, (await alice.Client.DueSoonEventsAsync()).Count);

        await using var smtp = new LocalSmtpServer(port);
        var subjects = new[] { (await smtp.NextMessageAsync()).Subject, (await smtp.NextMessageAsync()).Subject };
        Assert.Equal(["Due soon: first", "Due soon: second"], subjects.Order());
        await Reminders.UntilAsync(async () => (await factory.RemindersAsync()).All(r => r.EmailSentAt is not null));
        Assert.False(smtp.TryTakeMessage(out _));

        Assert.Contains(factory.Logs.Lines, line => line.Contains("Reminder e-mail for task", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("outage-pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_email_whose_last_attempt_fails_is_given_up_counted_abandoned_and_left_failed_in_the_job_engine()
    {
        var port = LoopbackPort.Free();
        var clock = Reminders.NewClock();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://127.0.0.1:{port}";
        factory.Settings["Smtp:RetryDelaysSeconds:0"] = "0";
        factory.Settings["Smtp:MaxAttempts"] = "2";
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("nobody listens", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        await factory.ScanAsync();

        await EmailJobAsync(factory, FailedState.StateName);
        Assert.Equal((1, 1, 0), (await alice.Client.EmailsCountedAsync("failed"), await alice.Client.EmailsCountedAsync("abandoned"), await alice.Client.EmailsCountedAsync("sent")));
        var reminder = Assert.Single(await factory.RemindersAsync());
        Assert.Equal((2, null, null), (reminder.EmailAttempts, reminder.EmailDueAt, reminder.EmailSentAt));

        // Given up means given up: later scans do not enqueue it again.
        clock.Advance(ReminderMailer.RequeueAfter + TimeSpan.FromHours(1));
        await factory.ScanAsync();
        Assert.Equal(1, factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().GetStatistics().Failed);
        Assert.Equal(2, Assert.Single(await factory.RemindersAsync()).EmailAttempts);
    }

    [Fact]
    public async Task A_reminder_whose_email_job_was_never_enqueued_is_emailed_after_a_later_scan_finds_it_stalled()
    {
        await using var smtp = new LocalSmtpServer();
        var clock = Reminders.NewClock();
        var emails = new DroppingReminderEmails();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false, emails);
        factory.Settings["Smtp:Url"] = $"smtp://127.0.0.1:{smtp.Port}";
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("lost in a crash", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        // The reminder commits and the enqueue is lost, as if the process died in between.
        await factory.ScanAsync();
        Assert.Equal(1, emails.Requested);
        emails.Dropping = false;

        // A scan soon after leaves it alone (its job may still be on its way) ...
        clock.Advance(ReminderMailer.RequeueAfter - TimeSpan.FromSeconds(1));
        await factory.ScanAsync();
        Assert.Equal(1, emails.Requested);

        // ... a scan once it is overdue enqueues it again, once.
        clock.Advance(TimeSpan.FromSeconds(2));
        await factory.ScanAsync();
        await factory.ScanAsync();
        Assert.Equal(2, emails.Requested);
        Assert.Equal("Due soon: lost in a crash", (await smtp.NextMessageAsync()).Subject);
        await Reminders.UntilAsync(async () => (await factory.RemindersAsync()).Single().EmailSentAt is not null);
        await EmailJobAsync(factory, SucceededState.StateName);
        Assert.False(smtp.TryTakeMessage(out _));
    }

    [Fact]
    public async Task Deleting_the_task_before_its_email_went_out_drops_the_email()
    {
        await using var smtp = new LocalSmtpServer();
        var clock = Reminders.NewClock();
        var emails = new DroppingReminderEmails();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false, emails);
        factory.Settings["Smtp:Url"] = $"smtp://127.0.0.1:{smtp.Port}";
        var alice = await factory.CreateUserClientAsync();
        var gone = await alice.Client.CreateTaskDueAsync("deleted after its reminder", clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await alice.Client.CreateTaskDueAsync("kept", clock.GetUtcNow() + TimeSpan.FromMinutes(40));
        await factory.ScanAsync();
        var goneReminder = (await factory.RemindersAsync()).Single(r => r.TaskId == gone.Id);

        (await alice.Client.DeleteAsync($"/v1/tasks/{gone.Id}")).EnsureSuccessStatusCode();

        Assert.False(await factory.DeliverEmailAsync(goneReminder.Id));
        emails.Dropping = false;
        clock.Advance(ReminderMailer.RequeueAfter);
        await factory.ScanAsync();
        Assert.Equal("Due soon: kept", (await smtp.NextMessageAsync()).Subject);
        await EmailJobAsync(factory, SucceededState.StateName);
        Assert.False(smtp.TryTakeMessage(out _));
    }

    [Fact]
    public async Task Without_smtp_no_email_is_queued()
    {
        var clock = Reminders.NewClock();
        var emails = new DroppingReminderEmails { Dropping = false };
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false, emails);
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("quiet", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        await factory.ScanAsync();

        Assert.Single(await alice.Client.DueSoonEventsAsync());
        Assert.Equal(0, emails.Requested);
        Assert.Null(Assert.Single(await factory.RemindersAsync()).EmailDueAt);
    }

    /// <summary>Waits until a reminder e-mail job in Hangfire's storage is in <paramref name="state"/>; returns its details.</summary>
    private static async Task<Hangfire.Storage.Monitoring.JobDetailsDto> EmailJobAsync(TaskGraphFactory factory, string state)
    {
        var monitoring = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Hangfire.Storage.Monitoring.JobDetailsDto? found = null;
        await Reminders.UntilAsync(() =>
        {
            var ids = state == SucceededState.StateName
                ? monitoring.SucceededJobs(0, 100).Where(j => j.Value.Job?.Type == typeof(ReminderEmailJob)).Select(j => j.Key)
                : monitoring.FailedJobs(0, 100).Where(j => j.Value.Job?.Type == typeof(ReminderEmailJob)).Select(j => j.Key);
            found = ids.Select(monitoring.JobDetails).FirstOrDefault();
            return Task.FromResult(found is not null);
        });
        return found!;
    }
}
