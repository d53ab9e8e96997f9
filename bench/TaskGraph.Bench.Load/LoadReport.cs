using System.Globalization;

namespace TaskGraph.Bench.Load;

/// <summary>Counts and latencies of one run; printed as the lines bench/load.sh copies into its results.</summary>
public sealed class LoadReport(TimeSpan duration, List<long> latencyTicks, long errors, IReadOnlyList<string> errorSamples, IReadOnlyList<AcknowledgedTask> writes, int acknowledgedWrites)
{
    public long Errors => errors;

    public IReadOnlyList<AcknowledgedTask> Writes => writes;

    public void Print(IReadOnlyList<string> lost, TextWriter output)
    {
        latencyTicks.Sort();
        double Percentile(double p) => latencyTicks.Count == 0 ? 0
            : latencyTicks[Math.Min(latencyTicks.Count - 1, (int)Math.Ceiling(p * latencyTicks.Count) - 1)] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        var culture = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(culture, $"requests={latencyTicks.Count} rps={latencyTicks.Count / duration.TotalSeconds:0} errors={errors} p50_ms={Percentile(0.50):0.0} p99_ms={Percentile(0.99):0.0} max_ms={Percentile(1):0.0}"));
        output.WriteLine(string.Create(culture, $"acknowledged_writes={acknowledgedWrites} tasks_read_back={writes.Count} lost_or_wrong={lost.Count}"));
        foreach (var line in errorSamples.Concat(lost).Take(10))
        {
            output.WriteLine($"  {line}");
        }
    }
}
