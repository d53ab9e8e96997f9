using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Data;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Tasks.Import;

/// <summary>
/// The import job: turns spooled rows into tasks (with their events) or row errors, a chunk per
/// transaction that also deletes the chunk's rows and counts them done, so a run interrupted at any
/// point and started again goes on where it stopped and never creates a row's task twice.
/// </summary>
public sealed class TaskImportJob(TaskGraphDbContext db, TaskCommands commands, TimeProvider time, ImportMetrics metrics)
{
    public async Task RunAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || job.Status is JobStatus.Succeeded or JobStatus.Failed)
        {
            return; // its owner was deleted, or a retry of a run that finished
        }
        var jobs = db.Jobs.Where(j => j.Id == jobId);
        await jobs.ExecuteUpdateAsync(set => set.SetProperty(j => j.Status, JobStatus.Running), cancellationToken);
        // Imported tasks are the job owner's, whatever their role.
        var owner = new Actor(job.OwnerId, Role.User);
        while (await db.ImportRows.AsNoTracking().Where(r => r.JobId == jobId).OrderBy(r => r.Row).Take(TaskImports.ChunkSize).ToListAsync(cancellationToken) is { Count: > 0 } rows)
        {
            var tasks = new List<NewTask>();
            var errors = new List<JobError>();
            foreach (var row in rows)
            {
                var task = row.ToNewTask();
                var typeErrors = row.Errors.Select(e => (e.Field, e.Message)).ToList();
                // A value of the wrong type was left empty, so its rule would only repeat the type
                // error; a row that is not an object has no fields to check.
                var problems = typeErrors.Any(t => t.Field == ImportRow.WholeRow)
                    ? typeErrors
                    : typeErrors.Concat(TaskCommands.Check(task).Entries.Where(p => typeErrors.All(t => t.Field != p.Field))).ToList();
                if (problems.Count == 0)
                {
                    tasks.Add(task);
                }
                errors.AddRange(problems.Select(p => new JobError { JobId = jobId, Row = row.Row, Field = p.Field, Message = p.Message }));
            }
            var last = rows[^1].Row;
            try
            {
                await commands.CreateManyAsync(owner, tasks, async token =>
                {
                    db.JobErrors.AddRange(errors);
                    await db.SaveChangesAsync(token);
                    // Taking the chunk's rows is the claim: a second run of this job (the engine can deliver one
                    // twice) that read the same chunk finds them gone once the first commits, and rolls back.
                    if (await db.ImportRows.Where(r => r.JobId == jobId && r.Row <= last).ExecuteDeleteAsync(token) != rows.Count)
                    {
                        throw new ChunkTakenException();
                    }
                    await jobs.ExecuteUpdateAsync(set => set.SetProperty(j => j.Done, j => j.Done + rows.Count), token);
                }, cancellationToken);
            }
            catch (ChunkTakenException)
            {
                return; // the run that took it carries the job on
            }
            metrics.Record(tasks.Count, rows.Count - tasks.Count);
            db.ChangeTracker.Clear();
        }
        var finished = time.GetUtcNow().UtcDateTime;
        await jobs.ExecuteUpdateAsync(set => set
            .SetProperty(j => j.Status, JobStatus.Succeeded)
            .SetProperty(j => j.FinishedAt, Common.UtcDateTime.ToStoredPrecision(finished)), cancellationToken);
    }

    private sealed class ChunkTakenException : Exception;
}
