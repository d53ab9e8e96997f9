using TaskGraph.Core.Auth;

namespace TaskGraph.Core.Tasks;

public static class TaskScope
{
    /// <summary>
    /// Owner scoping, applied inside every task query and write so another user's task is simply
    /// not there (404, never 403: no existence leak). Admins see everything.
    /// </summary>
    public static IQueryable<TaskItem> VisibleTo(this IQueryable<TaskItem> tasks, Actor actor) =>
        actor.IsAdmin ? tasks : tasks.Where(t => t.OwnerId == actor.UserId);
}
