using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// Answers a browser's <c>GET /graphql</c> (Accept prefers <c>text/html</c>, no <c>query</c> parameter)
/// with the GraphiQL IDE page; every other request passes through to the GraphQL endpoint. The page
/// loads its scripts and styles from <see cref="AssetsPath"/> only, so the IDE works offline.
/// </summary>
public sealed partial class GraphiQLMiddleware
{
    public static readonly PathString EndpointPath = "/graphql";
    public static readonly PathString AssetsPath = "/graphql/ide";

    /// <summary>Same-origin only: the bundles, GraphiQL's inline styles and fonts, and fetches to /graphql.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly RequestDelegate _next;
    private readonly Lazy<byte[]> _page;

    public GraphiQLMiddleware(RequestDelegate next, GraphiQLAssets assets)
    {
        _next = next;
        _page = new Lazy<byte[]>(() => RenderPage(assets));
    }

    public Task InvokeAsync(HttpContext context) =>
        IsIdeRequest(context.Request) ? WritePageAsync(context) : _next(context);

    internal static bool IsIdeRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.Equals(EndpointPath)
        && !request.Query.ContainsKey("query")
        && PrefersHtml(request);

    /// <summary>
    /// True when text/html is the first of the most preferred types: a browser's navigation, but not
    /// <c>*/*</c> or a GraphQL client that also lists HTML.
    /// </summary>
    private static bool PrefersHtml(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().Accept
            .OrderByDescending(type => type.Quality ?? 1) // stable: ties keep the client's order
            .FirstOrDefault();
        return preferred is { MediaType.Value: var type } && (preferred.Quality ?? 1) > 0
            && string.Equals(type, "text/html", StringComparison.OrdinalIgnoreCase);
    }

    private async Task WritePageAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = _page.Value.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.Vary = HeaderNames.Accept; // the same URL answers GraphQL clients with JSON
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(_page.Value, context.RequestAborted);
        }
    }

    /// <summary>Replaces each <c>{{asset name}}</c> in the page with the asset's fingerprinted URL.</summary>
    private static byte[] RenderPage(GraphiQLAssets assets)
    {
        var html = AssetReference().Replace(assets.ReadPage(), match => assets.UrlFor(match.Groups["name"].Value));
        return Encoding.UTF8.GetBytes(html);
    }

    [GeneratedRegex(@"\{\{asset (?<name>[\w.-]+)\}\}")]
    private static partial Regex AssetReference();
}
