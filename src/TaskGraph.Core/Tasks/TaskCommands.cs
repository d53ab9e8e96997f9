using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;

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
        var errors = new ValidationErrors();
        var title = TaskRules.NormalizeTitle(input.Title, errors);
        var description = TaskRules.NormalizeDescription(input.Description, errors);
        errors.ThrowIfAny();

        var now = time.GetUtcNow().UtcDateTime;
        var task = new TaskItem
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(task).State = EntityState.Detached;
        var change = await events.AppendAsync(TaskEventType.Created, task, actor.UserId, task.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NotifyAsync(change, cancellationToken);
        return task;
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
