using Microsoft.AspNetCore.StaticFiles;

namespace TaskGraph.Api.GraphQL;

public static class GraphiQLExtensions
{
    /// <summary>
    /// The GraphiQL IDE for browsers at <c>GET /graphql</c> and its bundles under <c>/graphql/ide/</c>.
    /// Put it before the endpoints: it answers only HTML requests and leaves GraphQL requests alone.
    /// </summary>
    public static IApplicationBuilder UseGraphiQL(this IApplicationBuilder app)
    {
        var assets = new GraphiQLAssets();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = GraphiQLMiddleware.AssetsPath,
            FileProvider = assets.Files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = static file => SetCacheHeaders(file.Context),
        });
        return app.UseMiddleware<GraphiQLMiddleware>(assets);
    }

    /// <summary>The page links fingerprinted URLs (<c>?v=</c>): those never change, anything else revalidates.</summary>
    private static void SetCacheHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
    }
}
