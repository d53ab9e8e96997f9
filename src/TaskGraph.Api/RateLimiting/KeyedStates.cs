using System.Collections.Concurrent;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Per-key state kept in this process (the in-process rate-limit logs and cost buckets): each key
/// is changed under its own lock, and every so often the entries that have become idle are dropped,
/// so a client that went away costs nothing.
/// </summary>
internal sealed class KeyedStates<TState>(Func<TState> create, Func<TState, long, bool> isIdle)
    where TState : class
{
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _updates;

    /// <summary>Runs <paramref name="update"/> on the key's state under its lock; <paramref name="now"/> is the caller's timestamp.</summary>
    public TResult Update<TResult>(string key, long now, Func<TState, TResult> update)
    {
        TResult result;
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry(create()));
            lock (entry)
            {
                // An entry swept between lookup and lock is gone from the map: go round and take the fresh one.
                if (!entry.Removed)
                {
                    result = update(entry.State);
                    break;
                }
            }
        }
        if (Interlocked.Increment(ref _updates) % SweepEvery == 0)
        {
            Sweep(now);
        }
        return result;
    }

    private void Sweep(long now)
    {
        foreach (var (key, entry) in _entries)
        {
            // Never block on an entry another request holds; it is clearly not idle.
            if (!Monitor.TryEnter(entry))
            {
                continue;
            }
            try
            {
                if (isIdle(entry.State, now))
                {
                    entry.Removed = true;
                    _entries.TryRemove(KeyValuePair.Create(key, entry));
                }
            }
            finally
            {
                Monitor.Exit(entry);
            }
        }
    }

    private sealed class Entry(TState state)
    {
        public TState State { get; } = state;

        public bool Removed { get; set; }
    }
}
