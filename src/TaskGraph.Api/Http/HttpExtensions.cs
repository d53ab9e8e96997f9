using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

public static class HttpExtensions
{
    /// <summary>REST JSON options for minimal APIs (see <see cref="RestJson"/>).</summary>
    public static IServiceCollection AddRestJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options => RestJson.Configure(options.SerializerOptions));

    /// <summary>The public base URL of emitted links (see <see cref="PublicUrlOptions"/>).</summary>
    public static IServiceCollection AddPublicUrl(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<PublicUrlOptions>(configuration, PublicUrlOptions.SectionName);
        return services;
    }

    /// <summary>
    /// 415 for a body whose charset is not UTF-8: JSON is UTF-8 (RFC 8259) and forms are read as UTF-8,
    /// and the framework's readers would otherwise throw on an unknown charset (a 500).
    /// </summary>
    public static IApplicationBuilder UseUtf8RequestBodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            && contentType.Charset is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Detail = "The request body must be UTF-8: send charset=utf-8 or no charset.",
                },
            });
            return;
        }
        await next(context);
    });

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
