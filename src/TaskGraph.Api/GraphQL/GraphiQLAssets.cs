using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace TaskGraph.Api.GraphQL;

/// <summary>
/// The IDE's page template and browser bundles, embedded in this assembly at build time (see
/// TaskGraph.Api.csproj). Asset URLs carry a content fingerprint, so they can be cached forever.
/// </summary>
public sealed class GraphiQLAssets
{
    private const string ResourcePrefix = "TaskGraph.Api.GraphiQL.";

    /// <summary>The bundles, by file name (e.g. <c>/graphiql.min.js</c>).</summary>
    public IFileProvider Files { get; } = new EmbeddedFileProvider(typeof(GraphiQLAssets).Assembly, ResourcePrefix + "assets");

    public string ReadPage()
    {
        using var stream = typeof(GraphiQLAssets).Assembly.GetManifestResourceStream(ResourcePrefix + "index.html")
            ?? throw new InvalidOperationException("The GraphiQL page is not embedded; rebuild TaskGraph.Api.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary><c>/graphql/ide/{name}?v={fingerprint}</c>; throws for a file that is not embedded.</summary>
    public string UrlFor(string name)
    {
        var file = Files.GetFileInfo(name);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"GraphiQL asset '{name}' is not embedded; rebuild TaskGraph.Api.");
        }
        using var stream = file.CreateReadStream();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 8));
        return $"{GraphiQLMiddleware.AssetsPath}/{name}?v={fingerprint}";
    }
}
