namespace TaskGraph.Core.Common;

/// <summary>The one meter name of the app's own instruments, in Core and in the host alike (exported at /metrics).</summary>
public static class TaskGraphMeter
{
    public const string Name = "TaskGraph";
}
