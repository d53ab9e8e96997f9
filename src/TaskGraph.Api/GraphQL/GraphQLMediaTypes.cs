using Microsoft.Net.Http.Headers;

namespace TaskGraph.Api.GraphQL;

/// <summary>The two response media types of GraphQL over HTTP, and which one a request's Accept asks for.</summary>
public static class GraphQLMediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// The media type to answer with (RFC 9110 q-values, most specific range first), or null for 406. On a tie
    /// <c>application/graphql-response+json</c> wins only when named; wildcards or no Accept mean <c>application/json</c>, as the spec asks.
    /// </summary>
    public static string? Negotiate(HttpRequest request)
    {
        var header = request.Headers.Accept;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return Json;
        }
        // An unparseable Accept is treated as absent rather than rejected: the client clearly wants something.
        if (!MediaTypeHeaderValue.TryParseList(header, out var ranges) || ranges.Count == 0)
        {
            return Json;
        }
        var graphql = Score(ranges, GraphQLResponseJson);
        var json = Score(ranges, Json);
        if (graphql.Quality <= 0 && json.Quality <= 0)
        {
            return null;
        }
        if (graphql.Quality != json.Quality)
        {
            return graphql.Quality > json.Quality ? GraphQLResponseJson : Json;
        }
        return graphql.Specificity == Exact ? GraphQLResponseJson : Json;
    }

    /// <summary>The Content-Type header value for a negotiated media type.</summary>
    public static string ContentTypeFor(string mediaType) => mediaType + "; charset=utf-8";

    private const int Exact = 2;

    private static (double Quality, int Specificity) Score(IList<MediaTypeHeaderValue> ranges, string candidate)
    {
        var best = (Quality: 0.0, Specificity: -1);
        var slash = candidate.IndexOf('/', StringComparison.Ordinal);
        foreach (var range in ranges)
        {
            var type = range.MediaType.Value ?? "";
            int specificity;
            if (type.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                specificity = Exact;
            }
            else if (type.Equals(string.Concat(candidate.AsSpan(0, slash + 1), "*"), StringComparison.OrdinalIgnoreCase))
            {
                specificity = 1;
            }
            else if (type == "*/*")
            {
                specificity = 0;
            }
            else
            {
                continue;
            }
            // The most specific matching range decides, even when a less specific one has a higher q.
            if (specificity > best.Specificity)
            {
                best = (range.Quality ?? 1, specificity);
            }
            else if (specificity == best.Specificity)
            {
                best = (Math.Max(best.Quality, range.Quality ?? 1), specificity);
            }
        }
        return best;
    }
}
