using System.Collections.Concurrent;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// The same sliding-window log as the Redis store, kept in this process: used when REDIS_URL is unset
/// (development, single instance). Several instances would each allow the full limit.
/// </summary>
public sealed class InProcessRateLimitStore(TimeProvider time) : IRateLimitStore
{
    // Every this many decisions, logs whose window has passed are dropped so idle clients cost nothing.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, SlidingLog> _logs = new(StringComparer.Ordinal);
    private int _decisions;

    public ValueTask<RateLimitDecision?> AcquireAsync(string key, RateLimitPolicy policy, CancellationToken cancellationToken)
    {
        var window = (long)(policy.Period.TotalSeconds * time.TimestampFrequency);
        var now = time.GetTimestamp();
        RateLimitDecision? decision = null;
        while (decision is null)
        {
            var log = _logs.GetOrAdd($"{policy.Name}:{key}", _ => new SlidingLog(window));
            lock (log)
            {
                // A log swept between lookup and lock is gone from the map: go round and take the fresh one.
                if (!log.Removed)
                {
                    decision = log.Acquire(now, window, policy.Limit, time);
                }
            }
        }
        if (Interlocked.Increment(ref _decisions) % SweepEvery == 0)
        {
            Sweep(now);
        }
        return ValueTask.FromResult<RateLimitDecision?>(decision);
    }

    private void Sweep(long now)
    {
        foreach (var (key, log) in _logs)
        {
            // Never block on a log another request holds; it is clearly not idle.
            if (!Monitor.TryEnter(log))
            {
                continue;
            }
            try
            {
                log.Trim(now);
                if (log.Entries.Count == 0)
                {
                    log.Removed = true;
                    _logs.TryRemove(KeyValuePair.Create(key, log));
                }
            }
            finally
            {
                Monitor.Exit(log);
            }
        }
    }

    private sealed class SlidingLog(long window)
    {
        public Queue<long> Entries { get; } = new();

        public bool Removed { get; set; }

        public RateLimitDecision Acquire(long now, long window, int limit, TimeProvider time)
        {
            Trim(now);
            var allowed = Entries.Count < limit;
            if (allowed)
            {
                Entries.Enqueue(now);
            }
            // Never empty here (limit ≥ 1). Reset: when the oldest counted request leaves the window.
            var reset = time.GetElapsedTime(now, Entries.Peek() + window);
            return new RateLimitDecision(allowed, limit - Entries.Count, reset);
        }

        /// <summary>Drops entries at or before the window's start: the log then holds exactly the last window's requests.</summary>
        public void Trim(long now)
        {
            while (Entries.Count > 0 && Entries.Peek() <= now - window)
            {
                Entries.Dequeue();
            }
        }
    }
}
