using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Api.Jobs;

/// <summary>Bound from section <c>Jobs</c>: the background job engine (Hangfire) on this instance.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Where admins open the dashboard.</summary>
    public const string DashboardPath = "/admin/jobs";

    /// <summary>Jobs this instance runs at once.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How often an idle worker looks for enqueued jobs (Hangfire's default is 15 s; webhooks want less).</summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>How often due delayed jobs (retries, scheduled work) are moved to the queue.</summary>
    [Range(50, 60_000)]
    public int SchedulePollIntervalMilliseconds { get; set; } = 5000;

    /// <summary>Retries of a job that throws (Hangfire's backoff between them) before it is left failed; jobs with a schedule of their own keep it.</summary>
    [Range(0, 100)]
    public int RetryAttempts { get; set; } = 10;

    /// <summary>
    /// A job taken by an instance that then dies without a word is given to another after this long.
    /// On PostgreSQL a live instance keeps extending it, so a long job is never run twice meanwhile.
    /// </summary>
    [Range(1, 1440)]
    public int InvisibilityTimeoutMinutes { get; set; } = 5;
}
