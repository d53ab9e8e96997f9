using System.Net;
using TaskGraph.Api.Webhooks;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>DNS for the tests: names mapped to chosen addresses (a public-looking name that resolves to loopback, say); other names are unknown.</summary>
public sealed class MappedHostResolver(IReadOnlyDictionary<string, IPAddress[]> names) : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
}
