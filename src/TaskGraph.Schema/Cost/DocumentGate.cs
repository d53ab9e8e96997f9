using System.Globalization;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// Lets a document reach validation only within caps checked in linear time, because validation is
/// quadratic in repeated fields and recurses once per nesting level (<see cref="DocumentShape"/>).
/// Documents that passed are kept by their text; a hit reruns only the caller-dependent rules.
/// </summary>
public sealed class DocumentGate : IConfigureExecution, IDisposable
{
    private readonly GraphQLOptions _limits;
    private readonly MemoryCache _documents;
    private readonly long _maxCachedLength;

    public DocumentGate(IOptions<GraphQLOptions> options)
    {
        _limits = options.Value;
        _documents = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(_limits.DocumentCacheSize, 1) });
        // One document may take at most a tenth of the cache; larger ones are parsed each time.
        _maxCachedLength = _limits.DocumentCacheSize / 10;
    }

    /// <summary>After the options are configured (100), before execution.</summary>
    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { } query)
        {
            return await next(options);
        }
        if (_documents.TryGetValue(query, out GraphQLDocument? cached) && cached is not null)
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options);
        }
        if (Admit(query, out var document) is { } refusal)
        {
            if (OperationCost.Of(options.UserContext) is { } cost)
            {
                cost.Refusal = refusal.Code == ErrorCodes.QueryTooComplex ? ThrottleRefusals.TooComplex : null;
            }
            return new ExecutionResult(refusal);
        }
        options.Document = document;
        var result = await next(options);
        if (result.Executed && query.Length <= _maxCachedLength)
        {
            _documents.Set(query, document, new MemoryCacheEntryOptions { Size = Math.Max(query.Length, 1) });
        }
        return result;
    }

    /// <summary>Parses the query within the caps; the error to answer instead when it is outside them.</summary>
    private ExecutionError? Admit(string query, out GraphQLDocument document)
    {
        document = null!;
        if (query.Length > _limits.MaxDocumentLength)
        {
            return TooComplex(string.Create(CultureInfo.InvariantCulture, $"it is {query.Length} characters long, more than the limit of {_limits.MaxDocumentLength}"));
        }
        try
        {
            document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = _limits.MaxParserDepth });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return TooComplex($"it nests deeper than the parser's limit of {_limits.MaxParserDepth}");
        }
        catch (GraphQLSyntaxErrorException syntax)
        {
            return new SyntaxError(syntax);
        }
        var shape = DocumentShape.Measure(document);
        if (shape.TooDeep)
        {
            return TooComplex("its fragments spread each other too deeply");
        }
        if (shape.Fields > _limits.MaxFields)
        {
            return TooComplex(string.Create(CultureInfo.InvariantCulture, $"it has {shape.Fields} fields once fragments are expanded, more than the limit of {_limits.MaxFields}"));
        }
        if (shape.Aliases > _limits.MaxAliases)
        {
            return TooComplex(string.Create(CultureInfo.InvariantCulture, $"it has {shape.Aliases} aliased fields once fragments are expanded, more than the limit of {_limits.MaxAliases}"));
        }
        // No valid operation nests deeper than the larger depth limit; the exact limits are checked once the schema tells introspection apart.
        var depthLimit = Math.Max(_limits.MaxDepth, _limits.MaxIntrospectionDepth);
        if (shape.Depth > depthLimit)
        {
            return TooComplex($"it nests {shape.Depth} levels deep once fragments are expanded, more than the limit of {depthLimit}");
        }
        if (shape.FragmentNesting > _limits.MaxFragmentNesting)
        {
            return TooComplex($"its fragments spread inside each other {shape.FragmentNesting} deep, more than the limit of {_limits.MaxFragmentNesting}");
        }
        return null;
    }

    private static ValidationError TooComplex(string problem) =>
        new($"The query is too complex: {problem}.") { Code = ErrorCodes.QueryTooComplex };

    public void Dispose() => _documents.Dispose();
}
