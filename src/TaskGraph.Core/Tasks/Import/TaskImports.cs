using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Jobs;

namespace TaskGraph.Core.Tasks.Import;

/// <summary>Starts imports: spools an upload's rows while it is read, then queues the job that turns them into tasks.</summary>
public sealed class TaskImports(TaskGraphDbContext db, TimeProvider time, ITaskImportJobs jobs)
{
    public const int MaxRows = 10_000;

    /// <summary>Rows written per statement while spooling, and per transaction while importing.</summary>
    public const int ChunkSize = 500;

    /// <summary>
    /// Writes the rows as they arrive, a chunk at a time (never the whole upload in memory), and queues
    /// the job. Refused with nothing kept when the upload has no row or more than <see cref="MaxRows"/>, or when reading it fails.
    /// The job's total is stored only once the upload is complete, so a queued job without one is an upload that never finished.
    /// </summary>
    public async Task<Job> StartAsync(Actor actor, IAsyncEnumerable<ImportRow> rows, CancellationToken cancellationToken)
    {
        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            Type = Job.TaskImport,
            OwnerId = actor.UserId,
            Status = JobStatus.Queued,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Jobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(job).State = EntityState.Detached;
        try
        {
            var chunk = new List<ImportRow>(ChunkSize);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                if (++job.Total > MaxRows)
                {
                    throw DomainException.Invalid("body", $"An import holds at most {MaxRows} rows.");
                }
                row.JobId = job.Id;
                row.Row = job.Total;
                chunk.Add(row);
                if (chunk.Count == ChunkSize)
                {
                    await SpoolAsync(chunk, cancellationToken);
                }
            }
            await SpoolAsync(chunk, cancellationToken);
            if (job.Total == 0)
            {
                throw DomainException.Invalid("body", "The import holds no rows.");
            }
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(set => set.SetProperty(j => j.Total, job.Total), cancellationToken);
            jobs.Enqueue(job.Id);
        }
        catch
        {
            // The upload never became a running job: its spooled rows go with it (cascade).
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
        return job;
    }

    private async Task SpoolAsync(List<ImportRow> chunk, CancellationToken cancellationToken)
    {
        db.ImportRows.AddRange(chunk);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in chunk)
        {
            db.Entry(row).State = EntityState.Detached;
        }
        chunk.Clear();
    }
}
