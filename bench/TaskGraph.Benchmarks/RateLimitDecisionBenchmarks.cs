using System.Globalization;
using BenchmarkDotNet.Attributes;
using TaskGraph.Api.RateLimiting;

namespace TaskGraph.Benchmarks;

/// <summary>One decision of the in-process sliding-window store (the fallback when Redis is slow or down) across 1,000 clients.</summary>
[MemoryDiagnoser]
public class RateLimitDecisionBenchmarks
{
    private readonly InProcessRateLimitStore _store = new(TimeProvider.System);
    private readonly RateLimitPolicy _policy = new(RateLimitPolicy.DefaultName, 100, TimeSpan.FromSeconds(1), KeyByUser: true);
    private readonly string[] _keys = [.. Enumerable.Range(0, 1000).Select(i => "user:" + i.ToString(CultureInfo.InvariantCulture))];
    private int _next;

    [Benchmark]
    public ValueTask<RateLimitDecision> Acquire() => _store.AcquireAsync(_keys[_next++ % _keys.Length], _policy, 1, CancellationToken.None);
}
