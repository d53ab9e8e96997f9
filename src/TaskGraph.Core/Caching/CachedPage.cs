namespace TaskGraph.Core.Caching;

/// <summary>A page as a face rendered it: the bytes it sends, and the few values it sends beside them (REST's paging headers).</summary>
public sealed record CachedPage(ReadOnlyMemory<byte> Content, IReadOnlyDictionary<string, string> Metadata)
{
    public static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();
}
