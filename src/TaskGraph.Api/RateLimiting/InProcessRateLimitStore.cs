namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// The same sliding-window log as the Redis store, kept in this process: used when REDIS_URL is unset
/// (development, single instance) and by the Redis store while Redis is unreachable. Several
/// instances each apply the full limit.
/// </summary>
public sealed class InProcessRateLimitStore(TimeProvider time) : IRateLimitStore
{
    private readonly KeyedStates<SlidingLog> _logs = new(() => new SlidingLog(), (log, now) => log.IsEmptyAt(now));

    public ValueTask<RateLimitDecision> AcquireAsync(string key, RateLimitPolicy policy, int permits, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var window = Window(policy);
        return ValueTask.FromResult(_logs.Update($"{policy.Name}:{key}", now, log =>
        {
            log.Trim(now, window);
            var allowed = log.Count + permits <= policy.Limit;
            if (allowed)
            {
                log.Add(now, window, permits);
            }
            return log.Decision(allowed, allowed ? 1 : permits, policy.Limit, now, time);
        }));
    }

    /// <summary>Gives back the newest <paramref name="permits"/> taken by <see cref="AcquireAsync"/>: the Redis store reserves here first and returns what Redis refuses.</summary>
    public void Release(string key, RateLimitPolicy policy, int permits)
    {
        var now = time.GetTimestamp();
        _logs.Update($"{policy.Name}:{key}", now, log =>
        {
            log.RemoveNewest(permits);
            return true;
        });
    }

    private long Window(RateLimitPolicy policy) => (long)(policy.Period.TotalSeconds * time.TimestampFrequency);

    /// <summary>The timestamps of the requests counted in the last window, oldest first.</summary>
    private sealed class SlidingLog
    {
        private readonly LinkedList<long> _entries = new();
        private long _window;

        public int Count => _entries.Count;

        public void Add(long now, long window, int permits)
        {
            _window = window;
            for (var i = 0; i < permits; i++)
            {
                _entries.AddLast(now);
            }
        }

        /// <summary>Drops entries at or before the window's start: the log then holds exactly the last window's requests.</summary>
        public void Trim(long now, long window)
        {
            while (_entries.First is { } oldest && oldest.Value <= now - window)
            {
                _entries.RemoveFirst();
            }
        }

        public void RemoveNewest(int permits)
        {
            for (var i = 0; i < permits && _entries.Count > 0; i++)
            {
                _entries.RemoveLast();
            }
        }

        public bool IsEmptyAt(long now)
        {
            Trim(now, _window);
            return _entries.Count == 0;
        }

        /// <summary>What is left, and when enough counted requests will have left the window for <paramref name="wanted"/> more (for one: when the oldest leaves).</summary>
        public RateLimitDecision Decision(bool allowed, int wanted, int limit, long now, TimeProvider time)
        {
            var remaining = Math.Max(0, limit - _entries.Count);
            if (_entries.Count == 0)
            {
                return new RateLimitDecision(allowed, remaining, TimeSpan.Zero);
            }
            var freeing = Math.Clamp(_entries.Count + wanted - limit - 1, 0, _entries.Count - 1);
            return new RateLimitDecision(allowed, remaining, time.GetElapsedTime(now, _entries.ElementAt(freeing) + _window));
        }
    }
}
