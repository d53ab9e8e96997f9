using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

public static class HttpExtensions
{
    /// <summary>REST JSON options for minimal APIs (see <see cref="RestJson"/>).</summary>
    public static IServiceCollection AddRestJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => RestJson.Configure(options.SerializerOptions));

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<TrustedProxyOptions>(configuration, TrustedProxyOptions.SectionName)
            .Validate(options => options.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(options => options.KnownIPNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownIPNetworks must be CIDR networks, e.g. 10.0.0.0/8.");
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Replace ASP.NET Core's loopback defaults with exactly what is configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in trusted.Value.KnownIPNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
            // Walk back through every trusted hop; the middleware stops at the first untrusted one.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>
    /// First in the pipeline. Only when some proxy is trusted: with both lists empty the middleware
    /// would believe every sender, which is the opposite of "trust none".
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<TrustedProxyOptions>>().Value.TrustsAnyone
            ? app.UseForwardedHeaders()
            : app;
}
