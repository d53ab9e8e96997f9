using System.Globalization;
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

        var decision = await store.AcquireAsync(ClientKeys.For(context.RequestServices.GetRequiredService<CurrentActor>().Value, context.Connection.RemoteIpAddress, policy.KeyByUser), policy, 1, context.RequestAborted);
        var resetSeconds = Seconds(decision.ResetAfter, policy);
        // At response start, not now: the exception handler clears headers before writing an error,
        // and a 401 or 422 on a limited route still counts and still says so.
        context.Response.OnStarting(() =>
        {
            WriteHeaders(context.Response.Headers, policy, decision, resetSeconds);
            return Task.CompletedTask;
        });
        if (decision.Allowed)
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
                Type = TooManyRequestsType,
                Status = StatusCodes.Status429TooManyRequests,
                Detail = $"Rate limit exceeded: at most {policy.Limit} requests per {(long)policy.Period.TotalSeconds} seconds. Try again in {resetSeconds} seconds.",
                Extensions = { ["retry_after"] = resetSeconds },
            },
        });
    }

    /// <summary>RFC 6585 defines 429; ASP.NET Core's problem details have no default type for it.</summary>
    public const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    private static void WriteHeaders(IHeaderDictionary headers, RateLimitPolicy policy, RateLimitDecision decision, long resetSeconds)
    {
        headers["RateLimit-Policy"] = $"\"{policy.Name}\";q={policy.Limit};w={(long)policy.Period.TotalSeconds}";
        headers["X-RateLimit-Limit"] = policy.Limit.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit"] = $"\"{policy.Name}\";r={decision.Remaining};t={resetSeconds}";
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whole seconds, rounded up (a client that waits this long is never early), within 1..period.</summary>
    public static int Seconds(TimeSpan span, RateLimitPolicy policy) =>
        (int)Math.Clamp(Math.Ceiling(span.TotalSeconds), 1, policy.Period.TotalSeconds);
}
