using System.Net;

namespace TaskGraph.Api.Webhooks;

/// <summary>Turns a webhook's host name into addresses; a seam so tests can map a name to loopback without touching DNS.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
