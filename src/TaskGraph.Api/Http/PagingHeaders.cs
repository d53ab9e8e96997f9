using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

/// <summary>
/// skip/limit parsing and the X-Total-Count and Link headers of every REST list, as GitHub's REST API
/// pages; links are relative (RFC 8288 resolves them against the request) unless a public base URL is set.
/// </summary>
public static class PagingHeaders
{
    public static (int Skip, int Limit) ParsePaging(string? skip, string? limit, ValidationErrors errors)
    {
        var skipValue = QueryValues.ParseInt(skip, "skip", 0, 0, int.MaxValue, errors);
        var limitValue = QueryValues.ParseInt(limit, "limit", Paging.DefaultLimit, 1, Paging.MaxLimit, errors);
        return (skipValue, limitValue);
    }

    public static void Write<T>(HttpContext http, Page<T> page, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        foreach (var (name, value) in For(http, page, parameters))
        {
            http.Response.Headers[name] = value;
        }
    }

    /// <summary>The headers of a page; its links carry <paramref name="parameters"/> (the list's own, never arbitrary input) besides skip and limit.</summary>
    public static Dictionary<string, string> For<T>(HttpContext http, Page<T> page, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        parameters = parameters.ToList();
        var links = new List<string> { Link(http, parameters, 0, page.Limit, "first") };
        if (page.Skip > 0)
        {
            links.Add(Link(http, parameters, Math.Max(0, page.Skip - page.Limit), page.Limit, "prev"));
        }
        if (page.Skip + page.Limit < page.TotalCount)
        {
            links.Add(Link(http, parameters, page.Skip + page.Limit, page.Limit, "next"));
        }
        var lastSkip = page.TotalCount == 0 ? 0 : (page.TotalCount - 1) / page.Limit * page.Limit;
        links.Add(Link(http, parameters, lastSkip, page.Limit, "last"));
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["X-Total-Count"] = page.TotalCount.ToString(CultureInfo.InvariantCulture),
            ["Link"] = string.Join(", ", links),
        };
    }

    private static string Link(HttpContext http, IEnumerable<KeyValuePair<string, string?>> parameters, int skip, int limit, string rel) =>
        Link(http, parameters
            .Append(KeyValuePair.Create("skip", (string?)skip.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture))), rel);

    /// <summary>A Link header entry: this request's path with exactly <paramref name="query"/> (never arbitrary input).</summary>
    public static string Link(HttpContext http, IEnumerable<KeyValuePair<string, string?>> query, string rel)
    {
        var request = http.Request;
        var baseUrl = http.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.BaseUrl?.TrimEnd('/');
        var url = QueryHelpers.AddQueryString($"{baseUrl}{request.PathBase}{request.Path}", query);
        return $"<{url}>; rel=\"{rel}\"";
    }
}
