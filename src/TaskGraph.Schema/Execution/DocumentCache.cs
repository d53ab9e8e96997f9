using GraphQL;
using GraphQL.DI;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Keeps parsed, validated documents by their text, so a repeated query skips parsing and the
/// spec's validation rules. Only documents that passed validation are kept; on a hit the executer
/// runs just the rules registered for cached documents (authorization, limits, GET-only-queries),
/// which depend on the caller and the variables. Bounded by total query length.
/// </summary>
public sealed class DocumentCache : IConfigureExecution, IDisposable
{
    private readonly MemoryCache _documents;
    private readonly long _maxQueryLength;

    public DocumentCache(IOptions<GraphQLOptions> options)
    {
        var size = options.Value.DocumentCacheSize;
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(size, 1) });
        // One document may take at most a tenth of the cache; larger ones are parsed each time.
        _maxQueryLength = size / 10;
    }

    /// <summary>After the options are configured, before execution (the order graphql-dotnet's own cache uses).</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query || query.Length > _maxQueryLength)
        {
            return await next(options);
        }
        if (_documents.TryGetValue(query, out GraphQLDocument? cached) && cached is not null)
        {
            options.Document = cached;
            return await next(options);
        }
        var result = await next(options);
        if (result.Executed && result.Document is { } document)
        {
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = Math.Max(query.Length, 1) });
        }
        return result;
    }

    public void Dispose() => _documents.Dispose();
}
