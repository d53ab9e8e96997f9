using TaskGraph.Core.Webhooks;

namespace TaskGraph.Schema.Types;

/// <summary>The result of <c>createWebhook</c>: the webhook and its secret, shown this once.</summary>
public sealed record CreatedWebhook(Webhook Webhook, string Secret);
