using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Reminders;

public static class ReminderExtensions
{
    /// <summary>Due-date reminders (<c>task.due_soon</c>) and their e-mails when SMTP is configured; the host's job engine runs both (and provides <see cref="IReminderEmailJobs"/>).</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ReminderOptions>(configuration, ReminderOptions.SectionName);
        services.AddValidatedOptions<SmtpOptions>(configuration, SmtpOptions.SectionName);
        services.AddSingleton<ReminderMetrics>();
        services.AddScoped<ReminderScan>();
        services.AddScoped<ReminderMailer>();
        return services;
    }
}
