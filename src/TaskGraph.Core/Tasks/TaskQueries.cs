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
        await (actor.IsAdmin ? FindAny.For(db)(db, id, cancellationToken) : FindOwn.For(db)(db, id, actor.UserId, cancellationToken))
        ?? throw DomainException.NotFound("Task", id);

    // The hot single-row reads, compiled once: the same SQL as Visible(actor), without building the query per request.
    private static readonly PerModel<Func<TaskGraphDbContext, int, int, CancellationToken, Task<TaskItem?>>> FindOwn = new(() =>
        EF.CompileAsyncQuery((TaskGraphDbContext context, int id, int ownerId, CancellationToken _) =>
            context.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id && t.OwnerId == ownerId)));

    private static readonly PerModel<Func<TaskGraphDbContext, int, CancellationToken, Task<TaskItem?>>> FindAny = new(() =>
        EF.CompileAsyncQuery((TaskGraphDbContext context, int id, CancellationToken _) =>
            context.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id)));

    /// <summary>One offset page (REST) of the visible tasks matching the query, plus their total.</summary>
    public async Task<Page<TaskItem>> ListAsync(Actor actor, TaskListQuery query, int skip, int limit, CancellationToken cancellationToken)
    {
        var tasks = Matching(actor, query);
        var (items, total) = await RowsAndTotalAsync(TaskOrdering.Apply(tasks, query.Sort).Skip(skip).Take(limit), tasks, skip > 0, cancellationToken);
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
        // One row more than asked tells whether another page follows.
        var (rows, total) = await RowsAndTotalAsync(
            TaskOrdering.Apply(window, query.Sort, reversed: page.Backward).Take(page.Size + 1), matching, after is not null || before is not null, cancellationToken);
        // The other direction: is anything on the far side of the cursor the read started from?
        var beyond = page.Backward ? before : after;
        var beyondCursor = beyond is not null && await matching.Where(Predicates.Not(beyond)).AnyAsync(cancellationToken);
        return Connection.FromRows(rows, page, beyondCursor, total, t => TaskKeyset.CursorOf(t, query.Sort).Encode());
    }

    /// <summary>Every visible task the query matches, in its order, read row by row as the caller consumes them (exports).</summary>
    public IAsyncEnumerable<TaskItem> StreamAsync(Actor actor, TaskListQuery query) =>
        TaskOrdering.Apply(Matching(actor, query), query.Sort).AsAsyncEnumerable();

    /// <summary>
    /// The rows of a page and the total of the list it is cut from in one round trip: the count rides in
    /// the same SELECT as a scalar subquery. Only an empty page that may lie past the end counts again.
    /// </summary>
    private static async Task<(List<TaskItem> Rows, int Total)> RowsAndTotalAsync(IQueryable<TaskItem> page, IQueryable<TaskItem> list, bool mayBePastTheEnd, CancellationToken cancellationToken)
    {
        var rows = await page.Select(t => new { Task = t, Total = list.Count() }).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            return (rows.ConvertAll(row => row.Task), rows[0].Total);
        }
        return ([], mayBePastTheEnd ? await list.CountAsync(cancellationToken) : 0);
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
