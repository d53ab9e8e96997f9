using TaskGraph.Core.Events;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>A webhook as GET /v1/webhooks shows it: never its secret.</summary>
public sealed record WebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string? Description, bool Active, string? DisabledReason, DateTime CreatedAt)
{
    public static WebhookResponse From(Webhook webhook) =>
        new(webhook.Id, webhook.Url, [.. webhook.EventTypes.Select(t => t.ToName())], webhook.Description, webhook.Active, webhook.DisabledReason, webhook.CreatedAt);
}
