using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>
/// The webhook client's only way to open a connection (SocketsHttpHandler.ConnectCallback): it
/// resolves the host itself, keeps the public addresses and connects to exactly one of them, so the
/// address checked is the address connected to — a name that resolves differently a moment later
/// (DNS rebinding) cannot slip a private address in between.
/// </summary>
public sealed class WebhookConnector(IWebhookHostResolver resolver, IOptions<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var allowPrivate = options.Value.AllowPrivate;
        if (!allowPrivate && WebhookAddresses.IsLocalName(host))
        {
            throw new WebhookAddressRefusedException(host);
        }
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await resolver.ResolveAsync(host, cancellationToken);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(WebhookAddresses.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(host);
        }
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }
}
