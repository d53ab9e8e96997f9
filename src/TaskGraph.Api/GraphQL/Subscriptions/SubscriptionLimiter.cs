using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Observability;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>
/// Counts each user's open subscriptions on this instance, whatever the transport, and refuses one
/// past <see cref="SubscriptionOptions.MaxSubscriptionsPerUser"/>. Per instance: it bounds this
/// process's memory, which is what the limit is for.
/// </summary>
public sealed class SubscriptionLimiter(IOptions<SubscriptionOptions> options, TaskGraphMetrics metrics)
{
    private readonly ConcurrentDictionary<int, int> _open = new();

    public int Limit => options.Value.MaxSubscriptionsPerUser;

    /// <summary>A lease on one subscription (dispose it when the subscription ends), or null when the user is at the limit.</summary>
    public IDisposable? TryAcquire(int userId, string transport)
    {
        while (true)
        {
            var open = _open.GetOrAdd(userId, 0);
            if (open >= Limit)
            {
                metrics.SubscriptionRejections.Add(1, new KeyValuePair<string, object?>("limit", "user"));
                return null;
            }
            if (_open.TryUpdate(userId, open + 1, open))
            {
                metrics.Subscriptions.Add(1, new KeyValuePair<string, object?>("transport", transport));
                return new Lease(this, userId, transport);
            }
        }
    }

    private void Release(int userId, string transport)
    {
        metrics.Subscriptions.Add(-1, new KeyValuePair<string, object?>("transport", transport));
        while (true)
        {
            var open = _open[userId];
            if (open == 1 ? _open.TryRemove(KeyValuePair.Create(userId, 1)) : _open.TryUpdate(userId, open - 1, open))
            {
                return;
            }
        }
    }

    private sealed class Lease(SubscriptionLimiter limiter, int userId, string transport) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(userId, transport);
            }
        }
    }
}
