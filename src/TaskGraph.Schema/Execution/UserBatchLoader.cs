using GraphQL.DataLoader;
using Microsoft.EntityFrameworkCore;
using TaskGraph.Core.Data;
using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Loads the owners of a page of tasks in one query (no N+1): ids are collected while the page resolves,
/// and the first owner needed loads them all, since graphql-dotnet resolves data-loader results last.
/// </summary>
public sealed class UserBatchLoader(TaskGraphDbContext db)
{
    private readonly HashSet<int> _pending = [];
    private readonly Dictionary<int, User> _loaded = [];

    public IDataLoaderResult<User> Load(int id)
    {
        if (!_loaded.ContainsKey(id))
        {
            _pending.Add(id);
        }
        return new Result(this, id);
    }

    private async Task<User> GetAsync(int id, CancellationToken cancellationToken)
    {
        if (_pending.Count > 0)
        {
            var ids = _pending.ToList();
            _pending.Clear();
            foreach (var user in await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken))
            {
                _loaded[user.Id] = user;
            }
        }
        // Tasks reference their owner with a foreign key, so the owner of a visible task exists.
        return _loaded.TryGetValue(id, out var found) ? found : throw new InvalidOperationException($"User {id} was not found.");
    }

    private sealed class Result(UserBatchLoader loader, int id) : IDataLoaderResult<User>
    {
        public Task<User> GetResultAsync(CancellationToken cancellationToken = default) => loader.GetAsync(id, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}
