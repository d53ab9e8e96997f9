using System.Globalization;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Reminders;

/// <summary>With SMTP_URL the owner gets each reminder by e-mail (MailKit), delivered to a real local SMTP server.</summary>
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
        await factory.SendEmailsAsync();

        var message = await smtp.NextMessageAsync();
        Assert.Equal(alice.User.Email, Assert.Single(message.To.Mailboxes).Address);
        Assert.Equal("reminders@taskgraph.test", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Due soon: Pay <b>rent</b> & bills", message.Subject);
        Assert.Contains("\"Pay <b>rent</b> & bills\"", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"(#{task.Id.ToString(CultureInfo.InvariantCulture)})", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Pay &lt;b&gt;rent&lt;/b&gt; &amp; bills</strong>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>rent", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(("mailer", "s3cret@pass"), Assert.Single(smtp.Logins));

        // Sent once: the next pass has nothing to send, the counter says so, and no log line holds the password.
        Assert.Equal(0, await factory.SendEmailsAsync());
        Assert.False(smtp.TryTakeMessage(out _));
        Assert.Matches("""taskgraph_reminders_emails_total\{[^}]*outcome="sent"[^}]*\} 1\b""", await alice.Client.GetStringAsync("/metrics"));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_smtp_outage_delays_the_email_without_losing_it_or_holding_up_reminders()
    {
        var port = LoopbackPort.Free();
        var clock = Reminders.NewClock();
        using var factory = new LoggingTaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://mailer:outage-pass@127.0.0.1:{port}";
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("first", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        // Nothing listens: the attempt fails and is rescheduled; reminders keep firing meanwhile.
        await factory.ScanAsync();
        Assert.Equal(0, await factory.SendEmailsAsync());
        await alice.Client.CreateTaskDueAsync("second", clock.GetUtcNow() + TimeSpan.FromMinutes(40));
        await factory.ScanAsync();
        Assert.Equal(2, (await alice.Client.DueSoonEventsAsync()).Count);
        Assert.Matches("""taskgraph_reminders_emails_total\{[^}]*outcome="failed"[^}]*\} 1\b""", await alice.Client.GetStringAsync("/metrics"));

        await using var smtp = new LocalSmtpServer(port);
        // The failed one waits for its retry (a minute later); the new one goes at once.
        Assert.Equal(1, await factory.SendEmailsAsync());
        Assert.Equal("Due soon: second", (await smtp.NextMessageAsync()).Subject);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await factory.SendEmailsAsync());
        Assert.Equal("Due soon: first", (await smtp.NextMessageAsync()).Subject);
        Assert.Equal(0, await factory.SendEmailsAsync());

        Assert.Contains(factory.Logs.Lines, line => line.Contains("Reminder e-mail for task", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains("outage-pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_the_task_before_its_email_went_out_drops_the_email()
    {
        await using var smtp = new LocalSmtpServer();
        var clock = Reminders.NewClock();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false);
        factory.Settings["Smtp:Url"] = $"smtp://127.0.0.1:{smtp.Port}";
        var alice = await factory.CreateUserClientAsync();
        var gone = await alice.Client.CreateTaskDueAsync("deleted after its reminder", clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await alice.Client.CreateTaskDueAsync("kept", clock.GetUtcNow() + TimeSpan.FromMinutes(40));
        await factory.ScanAsync();

        (await alice.Client.DeleteAsync($"/v1/tasks/{gone.Id}")).EnsureSuccessStatusCode();

        Assert.Equal(1, await factory.SendEmailsAsync());
        Assert.Equal("Due soon: kept", (await smtp.NextMessageAsync()).Subject);
        Assert.False(smtp.TryTakeMessage(out _));
    }

    [Fact]
    public async Task Without_smtp_no_email_is_queued()
    {
        await using var smtp = new LocalSmtpServer();
        var clock = Reminders.NewClock();
        using var factory = new TaskGraphFactory().WithClock(clock, schedule: false);
        var alice = await factory.CreateUserClientAsync();
        await alice.Client.CreateTaskDueAsync("quiet", clock.GetUtcNow() + TimeSpan.FromMinutes(30));

        await factory.ScanAsync();

        Assert.Single(await alice.Client.DueSoonEventsAsync());
        Assert.Equal(0, await factory.SendEmailsAsync());
        Assert.False(smtp.TryTakeMessage(out _));
    }
}
