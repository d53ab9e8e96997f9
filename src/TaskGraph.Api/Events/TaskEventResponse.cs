using System.Text.Json;
using TaskGraph.Core.Events;

namespace TaskGraph.Api.Events;

/// <summary>An event as the sync feed (and webhooks) show it; <c>data</c> is the task in its REST shape.</summary>
public sealed record TaskEventResponse(
    long Id,
    string Type,
    int TaskId,
    int OwnerId,
    int? ActorId,
    int Version,
    DateTime OccurredAt,
    JsonElement Data)
{
    public static TaskEventResponse From(TaskEvent change)
    {
        using var data = JsonDocument.Parse(change.Data);
        return new(change.Id, change.Type.ToName(), change.TaskId, change.OwnerId, change.ActorId, change.Version, change.OccurredAt, data.RootElement.Clone());
    }
}
