namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>Tests that measure time: run after the parallel ones, one at a time, so load cannot skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public static class TimingTests
{
    public const string Name = "Timing";
}
