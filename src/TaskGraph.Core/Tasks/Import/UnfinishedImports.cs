using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Core.Tasks.Import;

/// <summary>
/// Ends imports that will never finish (a job the engine gave up on, uploads that died before their
/// job was queued) and restarts those whose job was lost between the upload's end and its enqueue.
/// </summary>
public sealed class UnfinishedImports(TaskGraphDbContext db, TimeProvider time, ITaskImportJobs jobs)
{
    /// <summary>How old an upload that never finished (no total stored) must be before its job and rows are deleted.</summary>
    public static readonly TimeSpan AbandonedUploadAge = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a complete upload may stay queued before its job is presumed never handed to the engine
    /// (the instance died between the two) and is enqueued again. A second run of a job that was only
    /// waiting is harmless: a finished job returns at once, and a chunk is imported by one run only.
    /// </summary>
    public static readonly TimeSpan StalledQueueAge = TimeSpan.FromHours(1);

    /// <summary>Stalled imports enqueued again per pass, so one pass is bounded work.</summary>
    public const int RequeueBatchSize = 100;

    /// <summary>The hourly pass: deletes abandoned uploads and enqueues stalled imports again.</summary>
    public async Task TidyAsync(CancellationToken cancellationToken)
    {
        await DeleteAbandonedUploadsAsync(cancellationToken);
        await RequeueStalledAsync(cancellationToken);
    }

    /// <summary>
    /// Marks a queued or running import failed, with <paramref name="message"/> as its job-level error
    /// (row 0), and drops its rows that were not imported; a finished job is left alone. Synchronous
    /// because Hangfire's state filters, which call it, are.
    /// </summary>
    public bool Fail(Guid jobId, string message)
    {
        using var transaction = db.Database.BeginTransaction();
        var finished = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        var changed = db.Jobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Running))
            .ExecuteUpdate(set => set.SetProperty(j => j.Status, JobStatus.Failed).SetProperty(j => j.FinishedAt, finished));
        if (changed == 0)
        {
            return false;
        }
        db.JobErrors.Add(new JobError { JobId = jobId, Row = 0, Field = JobError.WholeJob, Message = message });
        db.SaveChanges();
        db.ImportRows.Where(r => r.JobId == jobId).ExecuteDelete();
        transaction.Commit();
        return true;
    }

    /// <summary>Deletes imports whose upload stopped midway (the instance died while reading it) and are older than <see cref="AbandonedUploadAge"/>; their rows go with them.</summary>
    public async Task<int> DeleteAbandonedUploadsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - AbandonedUploadAge;
        return await db.Jobs
            .Where(j => j.Type == Job.TaskImport && j.Status == JobStatus.Queued && j.Total == 0 && j.CreatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Enqueues again the complete uploads still queued after <see cref="StalledQueueAge"/> (at most a batch); returns how many.</summary>
    public async Task<int> RequeueStalledAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - StalledQueueAge;
        var stalled = await db.Jobs.AsNoTracking()
            .Where(j => j.Type == Job.TaskImport && j.Status == JobStatus.Queued && j.Total > 0 && j.CreatedAt < cutoff)
            .OrderBy(j => j.CreatedAt)
            .Select(j => j.Id)
            .Take(RequeueBatchSize)
            .ToListAsync(cancellationToken);
        foreach (var id in stalled)
        {
            jobs.Enqueue(id);
        }
        return stalled.Count;
    }
}
