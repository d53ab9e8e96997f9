using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Configuration;

/// <summary>The built app started for real with one bad setting: one clear line on stderr, exit code 1, no stack trace.</summary>
public sealed class ConfigurationErrorTests
{
    public static TheoryData<string, string, string, string> BadSettings => new()
    {
        { "RATE_LIMIT", "abc", "'RateLimiting:Limit' (RATE_LIMIT)", "abc is not" },
        { "DATABASE_URL", "mysql://u:secret-pw@db/taskgraph", "DATABASE_URL has an unsupported scheme", "secret-pw" },
        { "ASPNETCORE_ENVIRONMENT", "Production", "SECRET_KEY is not set", "   at " },
        { "ADMIN_PASSWORD", "short", "ADMIN_PASSWORD must be 8 characters", "short" },
        { "REMINDER_LEAD_MINUTES", "0", "REMINDER_LEAD_MINUTES (Reminders:LeadMinutes) must be between 1 and 10080 minutes", "   at " },
        { "SMTP_URL", "smtp://mailer:secret-pw@mail.example.com?tls=maybe", "SMTP_URL (Smtp:Url) is not a valid SMTP URL", "secret-pw" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_app_with_one_line_on_stderr_and_exit_code_1(string variable, string value, string expected, string absent)
    {
        var database = Path.Combine(Path.GetTempPath(), $"taskgraph-config-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DATABASE_URL"] = $"Data Source={database}",
            ["ADMIN_USERNAME"] = "admin",
            ["ADMIN_PASSWORD"] = "admin-password-1",
        };
        environment[variable] = value;
        try
        {
            using var api = ApiProcess.Start(environment);

            var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(60));

            var line = Assert.Single(api.StandardError);
            Assert.Equal(1, exitCode);
            Assert.StartsWith("TaskGraph cannot start, invalid configuration: ", line, StringComparison.Ordinal);
            Assert.Contains(expected, line, StringComparison.Ordinal);
            Assert.DoesNotContain(absent, line, StringComparison.Ordinal);
            Assert.False(File.Exists(database), "nothing may be touched before the settings are valid");
        }
        finally
        {
            File.Delete(database);
        }
    }
}
