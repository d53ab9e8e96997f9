using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc;
using TaskGraph.Api.Observability;
using TaskGraph.Core.Auth;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// Counts each request on a limited path against its client (the authenticated user, else the IP) and
/// answers 429 once the window is full; every limited response carries the rate limit headers.
/// </summary>
public sealed class RateLimitingMiddleware(RequestDelegate next, RateLimitPaths paths, IRateLimitStore store, IProblemDetailsService problemDetails, TaskGraphMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (paths.For(context.Request.Path) is not { } policy)
        {
            await next(context);
            return;
        }

        var decision = await store.AcquireAsync(ClientKey(context, policy), policy, context.RequestAborted);
        var resetSeconds = decision is null ? 0 : Seconds(decision.ResetAfter, policy);
        // At response start, not now: the exception handler clears headers before writing an error,
        // and a 401 or 422 on a limited route still counts and still says so.
        context.Response.OnStarting(() =>
        {
            WriteHeaders(context.Response.Headers, policy, decision, resetSeconds);
            return Task.CompletedTask;
        });
        if (decision is null or { Allowed: true })
        {
            await next(context);
            return;
        }

        metrics.RateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy.Name));
        context.Response.Headers.RetryAfter = resetSeconds.ToString(CultureInfo.InvariantCulture);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Detail = $"Rate limit exceeded: at most {policy.Limit} requests per {(long)policy.Period.TotalSeconds} seconds. Try again in {resetSeconds} seconds.",
                Extensions = { ["retry_after"] = resetSeconds },
            },
        });
    }

    /// <summary>The policy always; the counts only when the store decided (not when it failed open).</summary>
    private static void WriteHeaders(IHeaderDictionary headers, RateLimitPolicy policy, RateLimitDecision? decision, long resetSeconds)
    {
        headers["RateLimit-Policy"] = $"\"{policy.Name}\";q={policy.Limit};w={(long)policy.Period.TotalSeconds}";
        headers["X-RateLimit-Limit"] = policy.Limit.ToString(CultureInfo.InvariantCulture);
        if (decision is null)
        {
            return;
        }
        headers["RateLimit"] = $"\"{policy.Name}\";r={decision.Remaining};t={resetSeconds}";
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The user when authenticated and the policy keys by user; otherwise the client address.</summary>
    public static string ClientKey(HttpContext context, RateLimitPolicy policy)
    {
        if (policy.KeyByUser && context.RequestServices.GetRequiredService<CurrentActor>().Value is { } actor)
        {
            return $"user:{actor.UserId.ToString(CultureInfo.InvariantCulture)}";
        }
        return $"ip:{ClientAddress(context.Connection.RemoteIpAddress)}";
    }

    private static string ClientAddress(IPAddress? address) => address switch
    {
        null => "unknown",
        { IsIPv4MappedToIPv6: true } => address.MapToIPv4().ToString(),
        _ => address.ToString(),
    };

    /// <summary>Whole seconds, rounded up (a client that waits this long is never early), within 1..period.</summary>
    private static long Seconds(TimeSpan span, RateLimitPolicy policy) =>
        Math.Clamp((long)Math.Ceiling(span.TotalSeconds), 1, (long)policy.Period.TotalSeconds);
}
