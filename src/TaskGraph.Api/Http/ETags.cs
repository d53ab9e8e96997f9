using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace TaskGraph.Api.Http;

/// <summary>Strong ETags from a resource's version, and the version an If-Match header demands.</summary>
public static class ETags
{
    /// <summary>A version no row has: an If-Match that names no version we issued must fail with 412.</summary>
    private const int Unmatchable = -1;

    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>null when the request sets no precondition (no If-Match, or <c>*</c>); else the version to require.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags) || tags.Count == 0)
        {
            return Unmatchable;
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }
        // If-Match uses strong comparison (RFC 9110 §13.1.1): a weak tag never matches.
        var tag = tags[0];
        return !tag.IsWeak && int.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Unmatchable;
    }
}
