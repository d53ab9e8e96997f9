using TaskGraph.Core.Auth;
using TaskGraph.Core.Tasks.Listing;

namespace TaskGraph.Core.Caching;

/// <summary>
/// Names one cached page: whose (the caller's id and role, so one user's page never answers
/// another), which face rendered it, and the normalized query with its page.
/// </summary>
public sealed record TaskPageKey(Actor Actor, string Face, string Query)
{
    /// <summary>The key of a page of <paramref name="query"/>; <paramref name="page"/> holds whatever else the face's bytes depend on.</summary>
    public static TaskPageKey For(Actor actor, string face, TaskListQuery query, string page) =>
        new(actor, face, $"{query.Key}\n{page}");
}
