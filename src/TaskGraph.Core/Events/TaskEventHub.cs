using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Events;

/// <summary>
/// This instance's live subscriptions. The dispatcher publishes every committed event here in id
/// order, with the subscribers' current roles; each subscription keeps the events its user may see
/// and its filter matches, in a bounded buffer. Whatever the transport, this is the one place that
/// decides who receives what.
/// </summary>
public sealed class TaskEventHub(IServiceScopeFactory scopes, IOptions<TaskEventOptions> options)
{
    private readonly Lock _gate = new();
    private readonly List<TaskEventSubscription> _subscriptions = [];
    private long _position;

    /// <summary>The id of the last event published: a new subscription's live part starts after it.</summary>
    public long Position
    {
        get
        {
            lock (_gate)
            {
                return _position;
            }
        }
    }

    /// <summary>
    /// Starts a subscription: events after <paramref name="after"/> (replayed from the log, then live),
    /// or only events from now on. Registered and positioned under the publishing lock, so every event
    /// is either in the replay or in the live part, never in both and never in neither.
    /// </summary>
    public TaskEventSubscription Subscribe(Actor actor, Func<TaskItem, bool>? where, long? after)
    {
        lock (_gate)
        {
            var subscription = new TaskEventSubscription(this, scopes, actor, where, after, _position, options.Value.SubscriberBufferSize);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Called by the dispatcher before it first publishes, with the newest id in the log.</summary>
    internal void Start(long position)
    {
        lock (_gate)
        {
            _position = Math.Max(_position, position);
        }
    }

    internal void Remove(TaskEventSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    /// <summary>The users with a subscription here: their current roles decide what they see.</summary>
    internal HashSet<int> SubscriberIds()
    {
        lock (_gate)
        {
            return [.. _subscriptions.Select(s => s.Actor.UserId)];
        }
    }

    /// <param name="events">New events in id order; any at or below the position were published already and are skipped.</param>
    /// <param name="roles">Current roles of the users <see cref="SubscriberIds"/> named (null: the user is gone).</param>
    internal void Publish(IReadOnlyList<TaskEvent> events, IReadOnlyDictionary<int, Role?> roles)
    {
        lock (_gate)
        {
            foreach (var change in events)
            {
                if (change.Id <= _position)
                {
                    continue;
                }
                _position = change.Id;
                foreach (var subscription in _subscriptions)
                {
                    subscription.Offer(change, roles);
                }
            }
        }
    }
}
