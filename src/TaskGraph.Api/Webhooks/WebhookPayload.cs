using System.Text;
using System.Text.Json;
using TaskGraph.Core.Events;

namespace TaskGraph.Api.Webhooks;

/// <summary>The body of a delivery, as Standard Webhooks shapes it: <c>{type, timestamp, data}</c>, data being the event's task in its REST shape.</summary>
public static class WebhookPayload
{
    public static string Serialize(TaskEvent change)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", change.Type.ToName());
            json.WriteString("timestamp", change.OccurredAt);
            json.WritePropertyName("data");
            json.WriteRawValue(change.Data, skipInputValidation: true);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The <c>webhook-id</c>: one per webhook and event, the same on every retry and on every instance.</summary>
    public static string MessageId(long eventId, int webhookId) => $"evt_{eventId}_{webhookId}";
}
