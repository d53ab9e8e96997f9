using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Tasks.Listing;

namespace TaskGraph.Core.Tasks;

/// <summary>Task reads shared by REST and GraphQL. Everything filters, sorts and pages in the database.</summary>
public sealed class TaskQueries(TaskGraphDbContext db)
{
    public IQueryable<TaskItem> Visible(Actor actor) => db.Tasks.AsNoTracking().VisibleTo(actor);

    public async Task<TaskItem> GetAsync(Actor actor, int id, CancellationToken cancellationToken) =>
        await Visible(actor).FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
        ?? throw DomainException.NotFound("Task", id);

    /// <summary>One offset page (REST) of the visible tasks matching the query, plus their total.</summary>
    public async Task<Page<TaskItem>> ListAsync(Actor actor, TaskListQuery query, int skip, int limit, CancellationToken cancellationToken)
    {
        var tasks = Matching(actor, query);
        var total = await tasks.CountAsync(cancellationToken);
        var items = await TaskOrdering.Apply(tasks, query.Sort).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        return new Page<TaskItem>(items, total, skip, limit);
    }

    /// <summary>One keyset page (GraphQL) of the visible tasks matching the query, plus their total.</summary>
    public async Task<Connection<TaskItem>> PageAsync(Actor actor, TaskListQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        page.Validate();
        var matching = Matching(actor, query);
        var after = page.After is { } a ? TaskKeyset.After(a, query.Sort, reversed: false, "after") : null;
        var before = page.Before is { } b ? TaskKeyset.After(b, query.Sort, reversed: true, "before") : null;

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
        var rows = await TaskOrdering.Apply(window, query.Sort, reversed: page.Backward).Take(page.Size + 1).ToListAsync(cancellationToken);
        // The other direction: is anything on the far side of the cursor the read started from?
        var beyond = page.Backward ? before : after;
        var beyondCursor = beyond is not null && await matching.Where(Predicates.Not(beyond)).AnyAsync(cancellationToken);
        return Connection.FromRows(rows, page, beyondCursor, total, t => TaskKeyset.CursorOf(t, query.Sort).Encode());
    }

    /// <summary>
    /// The visible tasks the filter matches. Filtering by owner is for admins, on both faces: a user
    /// sees only their own tasks, so the filter could only mislead them.
    /// </summary>
    private IQueryable<TaskItem> Matching(Actor actor, TaskListQuery query)
    {
        if (!actor.IsAdmin && query.Filter.Mentions(TaskField.OwnerId))
        {
            throw new DomainException(ErrorKind.Forbidden, "Only admins can filter tasks by owner: you see only your own tasks.");
        }
        return Visible(actor).Where(TaskFilterExpressions.Predicate(query.Filter));
    }
}
