using System.Threading.Channels;
using TaskGraph.Core.Events;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Back-pressure between a subscription's source and the transport that sends its results. The
/// executor starts work for every event it is handed; the source hands it at most
/// <c>maxInFlight</c> events whose results the transport has not sent yet, so for a slow client events
/// wait (and in the end overflow) in the subscription's bounded buffer rather than piling up as
/// executions. The transport puts one in the operation's user context under <see cref="UserContextKey"/>.
/// </summary>
public sealed class SubscriptionFlow
{
    public const string UserContextKey = "taskgraph:subscription-flow";

    // A bucket of permits: one taken per event handed to the executor, one returned per result sent.
    private readonly Channel<bool> _room = Channel.CreateUnbounded<bool>();

    public SubscriptionFlow(int maxInFlight)
    {
        for (var i = 0; i < maxInFlight; i++)
        {
            _room.Writer.TryWrite(true);
        }
    }

    /// <summary>Why the source ended, when the hub ended it: the transport closes with a matching code.</summary>
    public TaskEventStreamEnd? EndReason { get; internal set; }

    internal ValueTask<bool> WaitForRoomAsync(CancellationToken cancellationToken) => _room.Reader.ReadAsync(cancellationToken);

    /// <summary>The transport sent one result of this subscription.</summary>
    public void Sent() => _room.Writer.TryWrite(true);
}
