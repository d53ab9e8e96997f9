using System.Globalization;
using System.Net;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.RateLimiting;

/// <summary>Who a limit counts: the user when authenticated and the policy keys by user, else the client address.</summary>
public static class ClientKeys
{
    public static string For(Actor? actor, IPAddress? address, bool keyByUser) =>
        keyByUser && actor is not null
            ? $"user:{actor.UserId.ToString(CultureInfo.InvariantCulture)}"
            : $"ip:{Address(address)}";

    private static string Address(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };
}
