using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Core.Tasks;

/// <summary>Task reads shared by REST and GraphQL. Everything filters, sorts and pages in the database.</summary>
public sealed class TaskQueries(TaskGraphDbContext db)
{
    public IQueryable<TaskItem> Visible(Actor actor) => db.Tasks.AsNoTracking().VisibleTo(actor);

    public async Task<TaskItem> GetAsync(Actor actor, int id, CancellationToken cancellationToken) =>
        await Visible(actor).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
        ?? throw DomainException.NotFound("Task", id);

    public async Task<Page<TaskItem>> ListAsync(Actor actor, TaskFilter filter, IReadOnlyList<TaskSort> sorts, int skip, int limit, CancellationToken cancellationToken)
    {
        var tasks = Filter(Visible(actor), actor, filter);
        var total = await tasks.CountAsync(cancellationToken);
        var items = await TaskOrdering.Apply(tasks, sorts).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        return new Page<TaskItem>(items, total, skip, limit);
    }

    /// <summary>
    /// One keyset page of the visible tasks matching <paramref name="where"/> (translated to SQL, so
    /// owner scoping, filtering, ordering and the cursor all run in one query), plus the total.
    /// </summary>
    public async Task<Connection<TaskItem>> PageAsync(
        Actor actor, Expression<Func<TaskItem, bool>> where, IReadOnlyList<TaskSort> sorts, PageRequest page, CancellationToken cancellationToken)
    {
        page.Validate();
        var matching = Visible(actor).Where(where);
        var after = page.After is { } a ? TaskKeyset.After(Cursor.Decode(a, TaskKeyset.Signature(sorts), "after"), sorts, reversed: false, "after") : null;
        var before = page.Before is { } b ? TaskKeyset.After(Cursor.Decode(b, TaskKeyset.Signature(sorts), "before"), sorts, reversed: true, "before") : null;

        var window = matching;
        if (after is not null)
        {
            window = window.Where(after);
        }
        if (before is not null)
        {
            window = window.Where(before);
        }
        var total = await matching.CountAsync(cancellationToken);
        // One row more than asked tells whether another page follows.
        var rows = await TaskOrdering.Apply(window, sorts, reversed: page.Backward).Take(page.Size + 1).ToListAsync(cancellationToken);
        // The other direction: is anything on the far side of the cursor the read started from?
        var beyond = page.Backward ? before : after;
        var beyondCursor = beyond is not null && await matching.Where(Predicates.Not(beyond)).AnyAsync(cancellationToken);
        return Connection.FromRows(rows, page, beyondCursor, total, t => TaskKeyset.CursorOf(t, sorts).Encode());
    }

    private static IQueryable<TaskItem> Filter(IQueryable<TaskItem> tasks, Actor actor, TaskFilter filter)
    {
        if (filter.OwnerId is { } ownerId)
        {
            if (!actor.IsAdmin)
            {
                throw new DomainException(ErrorKind.Forbidden, "Only admins can filter by owner_id.");
            }
            tasks = tasks.Where(t => t.OwnerId == ownerId);
        }
        if (filter.Completed is { } completed)
        {
            tasks = tasks.Where(t => t.Completed == completed);
        }
        if (filter.Priority is { } priority)
        {
            tasks = tasks.Where(t => t.Priority == priority);
        }
        if (!string.IsNullOrEmpty(filter.Text))
        {
            // lower() on both sides: case-insensitive on SQLite and PostgreSQL alike.
            var text = filter.Text.ToLowerInvariant();
            tasks = tasks.Where(t => t.Title.ToLower().Contains(text) || (t.Description != null && t.Description.ToLower().Contains(text)));
        }
        return tasks;
    }
}
