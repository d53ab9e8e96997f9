using Hangfire.States;
using TaskGraph.Core.Reminders;

namespace TaskGraph.Api.Reminders;

public static class ReminderJobsExtensions
{
    /// <summary>Reminders on the job engine: the scan as a recurring job, each e-mail as a job with SMTP's retry schedule.</summary>
    public static IServiceCollection AddReminderJobs(this IServiceCollection services)
    {
        services.AddScoped<IReminderEmailJobs, HangfireReminderEmailJobs>();
        services.AddScoped<ReminderScanJob>();
        services.AddScoped<ReminderEmailJob>();
        services.AddSingleton<IElectStateFilter, ReminderEmailRetryFilter>();
        services.AddHostedService<ReminderScanSchedule>();
        return services;
    }
}
