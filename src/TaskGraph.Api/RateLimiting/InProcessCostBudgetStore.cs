namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Cost budgets as token buckets in this process: used when REDIS_URL is unset, and by the Redis
/// store while Redis is unreachable (each instance then keeps its own budgets).
/// </summary>
public sealed class InProcessCostBudgetStore(TimeProvider time) : ICostBudgetStore
{
    private readonly KeyedStates<Bucket> _buckets = new(() => new Bucket(), (bucket, now) => bucket.IsFullAt(now));

    public ValueTask<CostBudgetState> ApplyAsync(string key, CostBudgetPolicy policy, long points, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        return ValueTask.FromResult(_buckets.Update(key, now, bucket =>
        {
            bucket.Refill(now, policy, time.TimestampFrequency);
            var allowed = points <= 0 || bucket.Available >= points;
            if (allowed)
            {
                bucket.Available = Math.Min(policy.Limit, bucket.Available - points);
            }
            return new CostBudgetState(allowed, bucket.Available);
        }));
    }

    /// <summary>Takes the budget Redis reported, so this bucket can take over where Redis left off.</summary>
    public void Mirror(string key, CostBudgetPolicy policy, double available)
    {
        var now = time.GetTimestamp();
        _buckets.Update(key, now, bucket =>
        {
            bucket.Refill(now, policy, time.TimestampFrequency);
            bucket.Available = available;
            return true;
        });
    }

    private sealed class Bucket
    {
        private long _at;
        private double _ticksPerPoint;
        private long _limit;
        private bool _started;

        public double Available { get; set; }

        /// <summary>Adds what the restore rate has given back since the last change.</summary>
        public void Refill(long now, CostBudgetPolicy policy, long frequency)
        {
            if (!_started)
            {
                _started = true;
                Available = policy.Limit;
            }
            else
            {
                Available = Math.Min(policy.Limit, Available + (now - _at) / (double)frequency * policy.RestoreRate);
            }
            _at = now;
            _limit = policy.Limit;
            _ticksPerPoint = frequency / policy.RestoreRate;
        }

        /// <summary>A full bucket is the same as none, so it can be dropped.</summary>
        public bool IsFullAt(long now) => now - _at >= (_limit - Available) * _ticksPerPoint;
    }
}
