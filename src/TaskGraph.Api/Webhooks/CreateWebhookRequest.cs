namespace TaskGraph.Api.Webhooks;

/// <summary>POST /v1/webhooks.</summary>
public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string?>? Events, string? Description);
