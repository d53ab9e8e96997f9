using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

/// <summary>skip/limit parsing and the X-Total-Count and Link headers of every REST list, as GitHub's REST API pages.</summary>
public static class PagingHeaders
{
    public static (int Skip, int Limit) ParsePaging(string? skip, string? limit, ValidationErrors errors)
    {
        var skipValue = QueryValues.ParseInt(skip, "skip", 0, 0, int.MaxValue, errors);
        var limitValue = QueryValues.ParseInt(limit, "limit", Paging.DefaultLimit, 1, Paging.MaxLimit, errors);
        return (skipValue, limitValue);
    }

    public static void Write<T>(HttpContext http, Page<T> page)
    {
        var headers = http.Response.Headers;
        headers["X-Total-Count"] = page.TotalCount.ToString(CultureInfo.InvariantCulture);

        var links = new List<string> { Link(http, 0, page.Limit, "first") };
        if (page.Skip > 0)
        {
            links.Add(Link(http, Math.Max(0, page.Skip - page.Limit), page.Limit, "prev"));
        }
        if (page.Skip + page.Limit < page.TotalCount)
        {
            links.Add(Link(http, page.Skip + page.Limit, page.Limit, "next"));
        }
        var lastSkip = page.TotalCount == 0 ? 0 : (page.TotalCount - 1) / page.Limit * page.Limit;
        links.Add(Link(http, lastSkip, page.Limit, "last"));
        headers.Link = string.Join(", ", links);
    }

    private static string Link(HttpContext http, int skip, int limit, string rel)
    {
        var request = http.Request;
        var query = request.Query
            .Where(q => q.Key is not ("skip" or "limit"))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, (string?)v)))
            .Append(KeyValuePair.Create("skip", (string?)skip.ToString(CultureInfo.InvariantCulture)))
            .Append(KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture)));
        var url = QueryHelpers.AddQueryString(UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path), query);
        return $"<{url}>; rel=\"{rel}\"";
    }
}
