using TaskGraph.Core.Events;

namespace TaskGraph.Core.Webhooks;

/// <summary>A user's subscription of an HTTP endpoint to their tasks' events.</summary>
public sealed class Webhook
{
    public int Id { get; set; }

    public int OwnerId { get; set; }

    public required string Url { get; set; }

    /// <summary>The event types it receives, as their contract names joined by commas (<c>task.created,task.deleted</c>).</summary>
    public required string Events { get; set; }

    public string? Description { get; set; }

    /// <summary>The signing secret, encrypted (<see cref="WebhookSecrets"/>): a database dump does not hand it out.</summary>
    public required string ProtectedSecret { get; set; }

    /// <summary>The newest event when it was created: it receives only later events.</summary>
    public long StartsAfterEventId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when deliveries stopped for good (the receiver answered 410 Gone); null while active.</summary>
    public DateTime? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    public bool Active => DisabledAt is null;

    public IReadOnlyList<TaskEventType> EventTypes => [.. Events.Split(',').Select(TaskEventTypeNames.Parse)];

    public bool Receives(TaskEvent change) => Active && change.Id > StartsAfterEventId && Events.Split(',').Contains(change.Type.ToName());
}
