using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using TaskGraph.Schema.Common;

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

/// <summary>Query values arrive as text and are checked here, so a bad one is a 422 naming the parameter.</summary>
public static class QueryValues
{
    public static int ParseInt(string? text, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, max == int.MaxValue ? $"Must be an integer ≥ {min}." : $"Must be an integer from {min} to {max}.");
            return fallback;
        }
        return value;
    }

    public static T? ParseEnum<T>(string? text, string name, ValidationErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value) || char.IsDigit(text[0]))
        {
            errors.Add(name, $"Must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            return null;
        }
        return value;
    }

    public static bool? ParseBool(string? text, string name, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, "Must be true or false.");
            return null;
        }
        return value;
    }
}
