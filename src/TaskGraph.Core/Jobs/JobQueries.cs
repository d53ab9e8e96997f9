using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Core.Jobs;

public sealed class JobQueries(TaskGraphDbContext db)
{
    /// <summary>The job and its errors in row order; another user's job is not found (admins see all).</summary>
    public async Task<JobReport> GetAsync(Actor actor, Guid id, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id && (actor.IsAdmin || j.OwnerId == actor.UserId), cancellationToken)
            ?? throw DomainException.NotFound("Job", id);
        var errors = await db.JobErrors.AsNoTracking().Where(e => e.JobId == id).OrderBy(e => e.Row).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return new JobReport(job, errors);
    }
}
