using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks.Batch;

namespace TaskGraph.Core.Tasks;

/// <summary>
/// Task writes shared by REST and GraphQL. Updates and deletes are single conditional statements
/// (owner scope and expected version in the WHERE clause), so concurrent writers never lose a change.
/// Every change writes its event in the same transaction (never one without the other); listeners
/// hear of it after the commit.
/// </summary>
public sealed class TaskCommands(TaskGraphDbContext db, TaskQueries queries, TaskEventLog events, TimeProvider time, IEnumerable<ITaskChangeListener> listeners)
{
    public async Task<TaskItem> CreateAsync(Actor actor, NewTask input, CancellationToken cancellationToken)
    {
        var task = NewItem(actor, input, time.GetUtcNow().UtcDateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(task).State = EntityState.Detached;
        var change = await events.AppendAsync(TaskEventType.Created, task, actor.UserId, task.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(change, cancellationToken);
        return task;
    }

    /// <summary>
    /// Creates tasks owned by the actor, with their events, in one transaction that also runs
    /// <paramref name="alongside"/> (an import records its progress there, so a rerun never creates a row twice).
    /// </summary>
    public async Task CreateManyAsync(Actor actor, IReadOnlyList<NewTask> inputs, Func<CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var tasks = inputs.Select(input => NewItem(actor, input, now)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var task in tasks)
        {
            db.Entry(task).State = EntityState.Detached;
        }
        var changes = await events.AppendManyAsync(TaskEventType.Created, tasks, actor.UserId, now, cancellationToken);
        await alongside(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(changes, cancellationToken);
    }

    /// <summary>What keeps <paramref name="input"/> from being created, for callers that report problems per item (imports).</summary>
    public static ValidationErrors Check(NewTask input)
    {
        var errors = new ValidationErrors();
        TaskRules.NormalizeTitle(input.Title, errors);
        TaskRules.NormalizeDescription(input.Description, errors);
        return errors;
    }

    /// <summary>Applies the changes; with an expected version, only if the task is still at that version.</summary>
    public async Task<TaskItem> UpdateAsync(Actor actor, int id, TaskChanges changes, int? expectedVersion, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var title = changes.Title.HasValue ? TaskRules.NormalizeTitle(changes.Title.Value, errors) : null;
        var description = changes.Description.HasValue ? TaskRules.NormalizeDescription(changes.Description.Value, errors) : null;
        TaskRules.RequireValue(changes.Completed, "completed", errors);
        TaskRules.RequireValue(changes.Priority, "priority", errors);
        errors.ThrowIfAny();

        if (changes.IsEmpty)
        {
            // Nothing to change: answer with the current task, still honouring the precondition.
            var current = await queries.GetAsync(actor, id, cancellationToken);
            return expectedVersion is null || current.Version == expectedVersion ? current : throw Stale(id);
        }

        // The write and the read-back share a transaction, so the response shows this update's own
        // result (its version), not a concurrent writer's that landed in between.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // ExecuteUpdate bypasses SaveChanges, which cuts instants to the stored microseconds: cut them here.
        var now = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        var dueDate = changes.DueDate.Value is { } due ? UtcDateTime.ToStoredPrecision(due) : (DateTime?)null;
        var rows = await Target(actor, id, expectedVersion).ExecuteUpdateAsync(set =>
        {
            if (changes.Title.HasValue)
            {
                set.SetProperty(t => t.Title, title!);
            }
            if (changes.Description.HasValue)
            {
                set.SetProperty(t => t.Description, description);
            }
            if (changes.Completed.HasValue)
            {
                set.SetProperty(t => t.Completed, changes.Completed.Value!.Value);
            }
            if (changes.Priority.HasValue)
            {
                set.SetProperty(t => t.Priority, changes.Priority.Value!.Value);
            }
            if (changes.DueDate.HasValue)
            {
                set.SetProperty(t => t.DueDate, dueDate);
            }
            set.SetProperty(t => t.UpdatedAt, now);
            set.SetProperty(t => t.Version, t => t.Version + 1);
        }, cancellationToken);

        if (rows == 0)
        {
            await ThrowMissOrStaleAsync(actor, id, cancellationToken);
        }
        var updated = await queries.GetAsync(actor, id, cancellationToken);
        var change = await events.AppendAsync(TaskEventType.Updated, updated, actor.UserId, updated.UpdatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(change, cancellationToken);
        return updated;
    }

    public async Task DeleteAsync(Actor actor, int id, int? expectedVersion, CancellationToken cancellationToken)
    {
        // The conditional version bump checks scope and precondition and locks the row, so the owner
        // and version the event records are those of the row this transaction deletes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        var rows = await Target(actor, id, expectedVersion).ExecuteUpdateAsync(set => set
            .SetProperty(t => t.Version, t => t.Version + 1)
            .SetProperty(t => t.UpdatedAt, now), cancellationToken);
        if (rows == 0)
        {
            await ThrowMissOrStaleAsync(actor, id, cancellationToken);
        }
        var deleted = await queries.GetAsync(actor, id, cancellationToken);
        await db.Tasks.Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
        var change = await events.AppendAsync(TaskEventType.Deleted, deleted, actor.UserId, deleted.UpdatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(change, cancellationToken);
    }

    /// <summary>
    /// Applies one action to every task of the batch in one transaction: to all of them or, when any id
    /// is not visible, to none (404 naming the ids). Tasks already in the asked-for state are left as
    /// they are (no new version, no event); the result counts the tasks that changed.
    /// </summary>
    public async Task<int> BatchAsync(Actor actor, TaskBatch batch, CancellationToken cancellationToken)
    {
        var ids = batch.Validate();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var targets = db.Tasks.VisibleTo(actor).Where(t => ids.Contains(t.Id));
        // A no-op write locks every target row (PostgreSQL; SQLite's write transaction locks the whole
        // database), so what is read below holds until the commit; its count proves every id visible.
        var locked = await targets.ExecuteUpdateAsync(set => set.SetProperty(t => t.Version, t => t.Version), cancellationToken);
        if (locked != ids.Length)
        {
            var found = await targets.Select(t => t.Id).ToListAsync(cancellationToken);
            throw NotFound(ids.Except(found).ToList());
        }

        var priority = batch.Priority.GetValueOrDefault();
        var changing = batch.Action switch
        {
            BatchAction.Complete => targets.Where(t => !t.Completed),
            BatchAction.Reopen => targets.Where(t => t.Completed),
            BatchAction.SetPriority => targets.Where(t => t.Priority != priority),
            _ => targets,
        };
        var changingIds = await changing.Select(t => t.Id).ToArrayAsync(cancellationToken);
        var changed = db.Tasks.Where(t => changingIds.Contains(t.Id));
        var now = UtcDateTime.ToStoredPrecision(time.GetUtcNow().UtcDateTime);
        await changed.ExecuteUpdateAsync(set =>
        {
            if (batch.Action is BatchAction.Complete or BatchAction.Reopen)
            {
                set.SetProperty(t => t.Completed, batch.Action == BatchAction.Complete);
            }
            else if (batch.Action == BatchAction.SetPriority)
            {
                set.SetProperty(t => t.Priority, priority);
            }
            set.SetProperty(t => t.UpdatedAt, now);
            set.SetProperty(t => t.Version, t => t.Version + 1);
        }, cancellationToken);
        var tasks = await changed.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var type = TaskEventType.Updated;
        if (batch.Action == BatchAction.Delete)
        {
            await changed.ExecuteDeleteAsync(cancellationToken);
            type = TaskEventType.Deleted;
        }
        var changes = await events.AppendManyAsync(type, tasks, actor.UserId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(changes, cancellationToken);
        return tasks.Count;
    }

    /// <summary>
    /// Listeners act per owner (cache invalidation) or per instance (wake-ups), so the newest event of
    /// each owner tells them everything a run of events would.
    /// </summary>
    private async Task NotifyAsync(IReadOnlyList<TaskEvent> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes.GroupBy(c => c.OwnerId).Select(owner => owner.Last()))
        {
            await NotifyAsync(change, cancellationToken);
        }
    }

    private static DomainException NotFound(List<int> missing)
    {
        const int Named = 20;
        var names = string.Join(", ", missing.Take(Named)) + (missing.Count > Named ? $" and {missing.Count - Named} more" : "");
        return new(ErrorKind.NotFound, $"{(missing.Count == 1 ? "Task" : "Tasks")} {names} {(missing.Count == 1 ? "was" : "were")} not found; nothing was changed.");
    }

    /// <summary>The task to insert, after the field rules (a validation error lists every problem).</summary>
    private static TaskItem NewItem(Actor actor, NewTask input, DateTime now)
    {
        var errors = new ValidationErrors();
        var title = TaskRules.NormalizeTitle(input.Title, errors);
        var description = TaskRules.NormalizeDescription(input.Description, errors);
        errors.ThrowIfAny();
        return new TaskItem
        {
            Title = title!,
            Description = description,
            Completed = input.Completed ?? false,
            Priority = input.Priority ?? Priority.Medium,
            DueDate = input.DueDate,
            CreatedAt = now,
            UpdatedAt = now,
            OwnerId = actor.UserId,
            Version = 1,
        };
    }

    private async Task NotifyAsync(TaskEvent change, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await listener.TaskChangedAsync(change, cancellationToken);
        }
    }

    private IQueryable<TaskItem> Target(Actor actor, int id, int? expectedVersion)
    {
        var target = db.Tasks.VisibleTo(actor).Where(t => t.Id == id);
        return expectedVersion is { } version ? target.Where(t => t.Version == version) : target;
    }

    /// <summary>No row matched: either the task is not visible (404) or its version moved on (stale).</summary>
    private async Task ThrowMissOrStaleAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        var exists = await db.Tasks.VisibleTo(actor).AnyAsync(t => t.Id == id, cancellationToken);
        throw exists ? Stale(id) : DomainException.NotFound("Task", id);
    }

    private static DomainException Stale(int id) =>
        new(ErrorKind.StaleVersion, $"Task {id} was changed by someone else: fetch it again and retry with its current version.");
}
