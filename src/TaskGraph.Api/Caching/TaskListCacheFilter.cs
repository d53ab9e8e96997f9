using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Tasks;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.Caching;

/// <summary>
/// REST face of <see cref="TaskListCache"/> on GET /v1/tasks: answers from the cache (body and
/// paging headers) or runs the endpoint and caches what it returned; <c>X-Cache</c> says which.
/// Failures (422, 403) are exceptions and pass through uncached.
/// </summary>
public sealed class TaskListCacheFilter(TaskListCache cache, IOptions<JsonOptions> json) : IEndpointFilter
{
    public const string Face = "rest";

    /// <summary>The response headers a list carries besides its body.</summary>
    private static readonly string[] PagingHeaderNames = ["X-Total-Count", "Link"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!cache.Enabled || Actor.FromPrincipal(http.User) is not { } actor)
        {
            return await next(context);
        }

        object? uncacheable = null;
        var (response, outcome) = await cache.GetOrCreateAsync(actor, Face, NormalizedRequest(http.Request), async () =>
        {
            var result = await next(context);
            if (result is not Ok<IReadOnlyList<TaskResponse>> ok)
            {
                uncacheable = result;
                return null;
            }
            var headers = PagingHeaderNames
                .Where(name => http.Response.Headers.ContainsKey(name))
                .ToDictionary(name => name, name => http.Response.Headers[name].ToString(), StringComparer.OrdinalIgnoreCase);
            return new CachedResponse(JsonSerializer.Serialize(ok.Value, json.Value.SerializerOptions), headers);
        });
        if (response is null)
        {
            return uncacheable;
        }

        http.Response.Headers["X-Cache"] = outcome == CacheOutcome.Hit ? "HIT" : "MISS";
        foreach (var (name, value) in response.Headers)
        {
            http.Response.Headers[name] = value;
        }
        return TypedResults.Text(response.Body, "application/json", System.Text.Encoding.UTF8);
    }

    /// <summary>
    /// Parameters sorted by name (then value), so <c>?limit=5&amp;skip=0</c> and <c>?skip=0&amp;limit=5</c>
    /// share an entry. The absolute base is included because the cached Link header embeds it.
    /// </summary>
    public static string NormalizedRequest(HttpRequest request)
    {
        var parameters = request.Query
            .SelectMany(p => p.Value.Select(v => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Order(StringComparer.Ordinal);
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', parameters)}";
    }
}
