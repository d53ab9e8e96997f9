using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Events;

/// <summary>Bound from section <c>Events</c>: how each instance follows the event log.</summary>
public sealed class TaskEventOptions
{
    public const string SectionName = "Events";

    /// <summary>
    /// How often the log is read even when no wake-up came: the safety net for a wake-up lost with an
    /// instance that died after committing, or with Redis.
    /// </summary>
    [Range(50, 60_000)]
    public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Events read from the log per query.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Events one subscription may have waiting before it is ended as a slow consumer, so a client
    /// that stops reading costs a bounded amount of memory.
    /// </summary>
    [Range(1, 100_000)]
    public int SubscriberBufferSize { get; set; } = 1000;
}
