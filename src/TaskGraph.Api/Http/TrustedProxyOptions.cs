namespace TaskGraph.Api.Http;

/// <summary>
/// Bound from section <c>ForwardedHeaders</c>: the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed (<c>ForwardedHeaders__KnownProxies__0=10.0.0.5</c>). Empty, the default, trusts no one.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownIPNetworks { get; set; } = [];

    public bool TrustsAnyone => KnownProxies.Count > 0 || KnownIPNetworks.Count > 0;
}
