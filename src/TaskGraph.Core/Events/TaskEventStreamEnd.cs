namespace TaskGraph.Core.Events;

/// <summary>Why the hub ended a subscription (rather than its reader).</summary>
public enum TaskEventStreamEnd
{
    /// <summary>Its buffer filled: the client reads more slowly than events arrive.</summary>
    SlowConsumer,

    /// <summary>Its user no longer exists.</summary>
    AccessLost,
}
