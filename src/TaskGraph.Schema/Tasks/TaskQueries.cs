using Microsoft.EntityFrameworkCore;
using TaskGraph.Schema.Auth;
using TaskGraph.Schema.Common;
using TaskGraph.Schema.Data;

namespace TaskGraph.Schema.Tasks;

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
