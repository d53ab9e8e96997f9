using System.Text.RegularExpressions;
using Serilog.Context;

namespace TaskGraph.Api.Observability;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-ID</c> when it is safe to echo and log
/// (1–128 of <c>[A-Za-z0-9._-]</c>), else a new one. It becomes <c>HttpContext.TraceIdentifier</c>
/// (so problem details and GraphQL errors report it), the response header, and a property on every
/// log line written while the request runs.
/// </summary>
public sealed partial class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-ID";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var requestId = ValidId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = requestId;
            return Task.CompletedTask;
        });
        using (LogContext.PushProperty("request_id", requestId))
        {
            await next(context);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,128}$")]
    private static partial Regex ValidId();
}
