using System.Diagnostics.Metrics;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks.Import;

/// <summary>The imports' instruments, exported at /metrics with the rest of the app's meter.</summary>
public sealed class ImportMetrics
{
    public ImportMetrics(IMeterFactory meters)
    {
        Rows = meters.Create(TaskGraphMeter.Name).CreateCounter<long>(
            "taskgraph.imports.rows", "{row}", "Import rows finished, tagged outcome=imported|rejected (counted when their chunk commits).");
    }

    public Counter<long> Rows { get; }

    public void Record(int imported, int rejected)
    {
        Rows.Add(imported, new KeyValuePair<string, object?>("outcome", "imported"));
        Rows.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
    }
}
