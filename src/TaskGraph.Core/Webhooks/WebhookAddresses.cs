using System.Net;
using System.Net.Sockets;

namespace TaskGraph.Core.Webhooks;

/// <summary>
/// Which addresses a webhook may reach: public unicast only. Loopback, private (RFC 1918, IPv6 ULA),
/// link-local (and the cloud metadata endpoints in it), CGNAT, unspecified, multicast and reserved
/// ranges are refused, also when an IPv6 address embeds one (IPv4-mapped, NAT64).
/// </summary>
public static class WebhookAddresses
{
    private static readonly IPNetwork[] Refused =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network"
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // CGNAT (also Alibaba's metadata at 100.100.100.200)
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local: AWS, GCP, Azure metadata at 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments (Oracle's metadata at 192.0.0.192)
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("fc00::/7"),         // unique local (AWS's IPv6 metadata fd00:ec2::254)
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            return IsPublic(new IPAddress(address.GetAddressBytes()[12..]));
        }
        return !Refused.Any(network => network.Contains(address));
    }

    /// <summary>Names that always mean this machine, whatever DNS says.</summary>
    public static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.Equals("localhost.", StringComparison.OrdinalIgnoreCase);
}
