namespace TaskGraph.Api.Http;

/// <summary>
/// Bound from section <c>ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c> (client IP,
/// which rate limiting keys on) and <c>X-Forwarded-Proto</c> are believed, e.g.
/// <c>ForwardedHeaders__KnownProxies__0=10.0.0.5</c> or <c>ForwardedHeaders__KnownIPNetworks__0=10.0.0.0/8</c>.
/// Empty (the default) trusts no one: the headers are ignored and the socket's address is the client.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownIPNetworks { get; set; } = [];

    public bool TrustsAnyone => KnownProxies.Count > 0 || KnownIPNetworks.Count > 0;
}
