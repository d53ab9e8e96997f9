using System.Collections.Concurrent;

namespace TaskGraph.Api.Tests.Jobs;

/// <summary>A job the tests enqueue: it counts its runs in its <see cref="Probe"/>, and can fail or hang on its first run.</summary>
public sealed class ProbeJob
{
    private static readonly ConcurrentDictionary<string, Probe> Probes = new();

    public static Probe Create(ProbeBehaviour firstRun = ProbeBehaviour.Succeed)
    {
        var probe = new Probe($"probe-{Guid.NewGuid():N}", firstRun);
        Probes[probe.Id] = probe;
        return probe;
    }

    public async Task RunAsync(string probeId, CancellationToken cancellationToken)
    {
        var probe = Probes[probeId];
        var run = probe.Start();
        if (run == 1 && probe.FirstRun == ProbeBehaviour.HangUntilCancelled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (run == 1 && probe.FirstRun == ProbeBehaviour.Fail)
        {
            throw new InvalidOperationException("The probe's first run fails.");
        }
        probe.Finish();
    }
}

public enum ProbeBehaviour
{
    Succeed,
    Fail,
    HangUntilCancelled,
}

/// <summary>What happened to one probe's job: runs started and finished, and a signal at the first start.</summary>
public sealed class Probe(string id, ProbeBehaviour firstRun)
{
    private int _started;
    private int _finished;

    public string Id { get; } = id;

    public ProbeBehaviour FirstRun { get; } = firstRun;

    public int Started => Volatile.Read(ref _started);

    public int Finished => Volatile.Read(ref _finished);

    public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FirstFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal int Start()
    {
        var run = Interlocked.Increment(ref _started);
        FirstStarted.TrySetResult();
        return run;
    }

    internal void Finish()
    {
        Interlocked.Increment(ref _finished);
        FirstFinished.TrySetResult();
    }
}
