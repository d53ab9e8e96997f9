namespace TaskGraph.Core.Events;

/// <summary>
/// How far a background consumer of the event log (the webhook dispatcher) has got, and which
/// instance is reading for it now: one row per consumer, so every instance shares it.
/// </summary>
public sealed class EventCursor
{
    public const string Webhooks = "webhooks";

    public required string Name { get; set; }

    /// <summary>The last event the consumer has handled.</summary>
    public long Position { get; set; }

    /// <summary>The instance that holds the lease, or null.</summary>
    public string? LeasedBy { get; set; }

    public DateTime? LeasedUntil { get; set; }
}
