using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Data;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Events;

/// <summary>The task event log: appended to by every task write, read by the sync feed, subscriptions and background consumers.</summary>
public sealed class TaskEventLog(TaskGraphDbContext db)
{
    /// <summary>Any fixed number: the PostgreSQL advisory lock that orders event inserts.</summary>
    private const long PostgresInsertLock = 0x5441534B_4556;

    /// <summary>
    /// Writes an event inside the caller's transaction. On PostgreSQL, ids come from a sequence when
    /// the row is inserted, not when it commits, so two concurrent writers could commit 8 after 9 and a
    /// reader that already moved past 9 would never see 8. A transaction-scoped advisory lock, held
    /// from this insert to the commit, makes insert order commit order. SQLite has one writer at a time.
    /// </summary>
    public async Task<TaskEvent> AppendAsync(TaskEventType type, TaskItem task, int? actorId, DateTime occurredAt, CancellationToken cancellationToken) =>
        (await AppendManyAsync(type, [task], actorId, occurredAt, cancellationToken))[0];

    /// <summary>One event per task, in the tasks' order, written with one insert inside the caller's transaction (see <see cref="AppendAsync"/>).</summary>
    public async Task<IReadOnlyList<TaskEvent>> AppendManyAsync(TaskEventType type, IReadOnlyList<TaskItem> tasks, int? actorId, DateTime occurredAt, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A task event is written in the transaction of the change it records.");
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresInsertLock})", cancellationToken);
        }
        var changes = tasks.Select(task => new TaskEvent
        {
            Type = type,
            TaskId = task.Id,
            OwnerId = task.OwnerId,
            ActorId = actorId,
            Version = task.Version,
            OccurredAt = occurredAt,
            Data = type == TaskEventType.Deleted ? TaskSnapshot.WriteDeleted(task.Id) : TaskSnapshot.Write(task),
        }).ToList();
        db.TaskEvents.AddRange(changes);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var change in changes)
        {
            db.Entry(change).State = EntityState.Detached;
        }
        return changes;
    }

    /// <summary>The id of the newest event, or 0 when there is none.</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken) =>
        await db.TaskEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;

    /// <summary>Every event after <paramref name="after"/>, oldest first, whoever owns it: for dispatchers and background consumers.</summary>
    public async Task<List<TaskEvent>> ReadAfterAsync(long after, int limit, CancellationToken cancellationToken) =>
        await db.TaskEvents.AsNoTracking().Where(e => e.Id > after).OrderBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>
    /// The events <paramref name="actor"/> may see after <paramref name="after"/> and up to
    /// <paramref name="upTo"/>, oldest first: their own tasks' events, or every event for an admin.
    /// </summary>
    public async Task<List<TaskEvent>> ReadVisibleAsync(Actor actor, long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        var events = db.TaskEvents.AsNoTracking().Where(e => e.Id > after && e.Id <= upTo);
        if (!actor.IsAdmin)
        {
            events = events.Where(e => e.OwnerId == actor.UserId);
        }
        return await events.OrderBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>One page of the sync feed (GET /v1/events), and whether another page follows.</summary>
    public async Task<(List<TaskEvent> Items, bool HasMore)> PageAsync(Actor actor, long after, int limit, CancellationToken cancellationToken)
    {
        // One row more than asked tells whether another page follows.
        var rows = await ReadVisibleAsync(actor, after, long.MaxValue, limit + 1, cancellationToken);
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            rows.RemoveAt(limit);
        }
        return (rows, hasMore);
    }
}
