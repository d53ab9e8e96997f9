using System.Text.RegularExpressions;
using Serilog.Context;

namespace TaskGraph.Api.Observability;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-ID</c> when safe to echo (1–128 of <c>[A-Za-z0-9._-]</c>),
/// else a new one; it is the TraceIdentifier errors report, the response header and a property of every log line.
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
