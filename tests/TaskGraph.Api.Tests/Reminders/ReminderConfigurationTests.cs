using MailKit.Security;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Tests.Reminders;

public sealed class ReminderConfigurationTests
{
    [Theory]
    [InlineData("Reminders:LeadMinutes", "0", "REMINDER_LEAD_MINUTES (Reminders:LeadMinutes) must be between 1 and 10080 minutes")]
    [InlineData("Reminders:LeadMinutes", "20000", "LeadMinutes")]
    [InlineData("Reminders:ScanIntervalSeconds", "61", "ScanIntervalSeconds")]
    [InlineData("Reminders:ScanIntervalSeconds", "7", "Reminders:ScanIntervalSeconds must divide 60")]
    [InlineData("Smtp:RetryDelaysSeconds:0", "-1", "Smtp:RetryDelaysSeconds must be at most 20 waits")]
    [InlineData("Smtp:Url", "http://mail.example.com", "SMTP_URL (Smtp:Url) is not a valid SMTP URL")]
    [InlineData("Smtp:Url", "smtp://user:hunter2-secret@mail.example.com:25?tls=maybe", "tls must be auto, starttls or none")]
    [InlineData("Smtp:Url", "smtps://user:hunter2-secret@mail.example.com?tls=none", "smtps:// takes no query parameters")]
    [InlineData("Smtp:From", "not an address", "SMTP_FROM (Smtp:From) must be an e-mail address")]
    public void A_bad_reminder_or_smtp_setting_stops_start_up_without_repeating_the_value(string key, string value, string message)
    {
        using var factory = new TaskGraphFactory();
        factory.Settings[key] = value;

        var error = factory.StartupError();

        Assert.NotNull(error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smtp://mail.example.com", "mail.example.com", 25, SecureSocketOptions.StartTlsWhenAvailable, null, null)]
    [InlineData("smtp://me%40example.com:p%3Ass@mail.example.com:587?tls=starttls", "mail.example.com", 587, SecureSocketOptions.StartTls, "me@example.com", "p:ss")]
    [InlineData("smtp://127.0.0.1:2525?tls=none", "127.0.0.1", 2525, SecureSocketOptions.None, null, null)]
    [InlineData("smtps://user:pw@[::1]", "::1", 465, SecureSocketOptions.SslOnConnect, "user", "pw")]
    public void Smtp_urls_name_the_server_the_tls_mode_and_the_login(string url, string host, int port, SecureSocketOptions security, string? user, string? password)
    {
        var endpoint = SmtpEndpoint.Parse(url);

        Assert.Equal(new SmtpEndpoint(host, port, security, user, password), endpoint);
        if (password is not null)
        {
            Assert.DoesNotContain(password, endpoint.ToString(), StringComparison.Ordinal);
        }
    }
}
