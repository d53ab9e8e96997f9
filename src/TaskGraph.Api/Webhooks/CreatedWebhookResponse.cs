using TaskGraph.Core.Events;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>The answer to POST /v1/webhooks: the only time the secret is shown.</summary>
public sealed record CreatedWebhookResponse(int Id, string Url, IReadOnlyList<string> Events, string? Description, string Secret, DateTime CreatedAt)
{
    public static CreatedWebhookResponse From(Webhook webhook, string secret) =>
        new(webhook.Id, webhook.Url, [.. webhook.EventTypes.Select(t => t.ToName())], webhook.Description, secret, webhook.CreatedAt);
}
