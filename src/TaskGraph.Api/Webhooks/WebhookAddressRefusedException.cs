namespace TaskGraph.Api.Webhooks;

/// <summary>A delivery's host resolved only to addresses webhooks may not reach; nothing was sent.</summary>
public sealed class WebhookAddressRefusedException(string host)
    : Exception($"{host} resolves only to loopback, private, link-local, CGNAT or metadata addresses.");
