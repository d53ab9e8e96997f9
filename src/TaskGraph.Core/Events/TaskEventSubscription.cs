using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Events;

/// <summary>
/// One subscriber's stream of task events: first the log after its <c>after</c> id (if any) up to the
/// hub's position when it subscribed, then the live events the hub hands it. Dispose to unsubscribe.
/// </summary>
public sealed class TaskEventSubscription : IDisposable
{
    private const int ReplayPageSize = 100;

    private readonly TaskEventHub _hub;
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<TaskItem, bool>? _where;
    private readonly long? _after;
    private readonly long _position;
    private readonly Channel<TaskEvent> _live;
    private readonly CancellationTokenSource _ended = new();
    private int _endReason = -1;

    internal TaskEventSubscription(TaskEventHub hub, IServiceScopeFactory scopes, Actor actor, Func<TaskItem, bool>? where, long? after, long position, int capacity)
    {
        _hub = hub;
        _scopes = scopes;
        Actor = actor;
        _where = where;
        _after = after;
        _position = position;
        _live = Channel.CreateBounded<TaskEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
    }

    public Actor Actor { get; }

    /// <summary>Why the hub ended this subscription; null while it runs or when its reader ended it.</summary>
    public TaskEventStreamEnd? EndReason => Volatile.Read(ref _endReason) is >= 0 and var reason ? (TaskEventStreamEnd)reason : null;

    /// <summary>Cancelled when the hub ends the subscription, so a reader waiting on anything else stops waiting.</summary>
    public CancellationToken Ended => _ended.Token;

    /// <summary>The replay, then the live events, in id order with no gap and no duplicate between them.</summary>
    public async IAsyncEnumerable<TaskEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = _after ?? _position;
        while (cursor < _position)
        {
            var page = await ReplayPageAsync(cursor, cancellationToken);
            if (page is null or { Count: 0 })
            {
                break;
            }
            foreach (var change in page)
            {
                if (Matches(change))
                {
                    yield return change;
                }
            }
            cursor = page[^1].Id;
        }
        // Live events are all after the position; a client's after may be later still.
        await foreach (var change in _live.Reader.ReadAllAsync(cancellationToken))
        {
            if (change.Id > cursor)
            {
                yield return change;
            }
        }
    }

    public void Dispose()
    {
        _hub.Remove(this);
        _live.Writer.TryComplete();
    }

    /// <summary>Called by the hub, under its lock, for every new event.</summary>
    internal void Offer(TaskEvent change, IReadOnlyDictionary<int, Role?> roles)
    {
        if (EndReason is not null)
        {
            return;
        }
        // A subscriber who subscribed after the roles were read keeps the role they subscribed with.
        var role = roles.TryGetValue(Actor.UserId, out var current) ? current : Actor.Role;
        if (role is null)
        {
            End(TaskEventStreamEnd.AccessLost);
            return;
        }
        if ((change.OwnerId == Actor.UserId || role == Role.Admin) && Matches(change) && !_live.Writer.TryWrite(change))
        {
            End(TaskEventStreamEnd.SlowConsumer);
        }
    }

    /// <summary>The filter applies to the task after the change; a deletion leaves no task, so it always passes.</summary>
    private bool Matches(TaskEvent change) => _where is null || change.Task is not { } task || _where(task);

    /// <summary>One page of the log as the user may see it now (null when the user is gone).</summary>
    private async Task<List<TaskEvent>?> ReplayPageAsync(long after, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (await services.GetRequiredService<UserAccounts>().FindActorAsync(Actor.UserId, cancellationToken) is not { } current)
        {
            End(TaskEventStreamEnd.AccessLost);
            return null;
        }
        return await services.GetRequiredService<TaskEventLog>().ReadVisibleAsync(current, after, _position, ReplayPageSize, cancellationToken);
    }

    private void End(TaskEventStreamEnd reason)
    {
        Volatile.Write(ref _endReason, (int)reason);
        _live.Writer.TryComplete();
        // Asynchronously: the hub calls this under its lock, and waiting readers must not run there.
        _ = _ended.CancelAsync();
    }
}
