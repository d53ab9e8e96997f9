using TaskGraph.Core.Jobs;

namespace TaskGraph.Api.Jobs;

public sealed record JobResponse(Guid Id, string Type, JobStatus Status, JobProgress Progress, IReadOnlyList<JobErrorResponse> Errors, DateTime CreatedAt, DateTime? FinishedAt)
{
    public static JobResponse From(JobReport report) => new(
        report.Job.Id, report.Job.Type, report.Job.Status, new JobProgress(report.Job.Done, report.Job.Total),
        [.. report.Errors.Select(e => new JobErrorResponse(e.Row, e.Field, e.Message))], report.Job.CreatedAt, report.Job.FinishedAt);
}
