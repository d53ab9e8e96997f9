using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Api.Http;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Events;

namespace TaskGraph.Api.Events;

/// <summary>
/// GET /v1/events: the task event log for sync. A client keeps the id of the last event it has and
/// asks for what came after it; users see their own tasks' events, admins every event.
/// </summary>
public static class EventsEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/events", async Task<Ok<IReadOnlyList<TaskEventResponse>>> (string? after, string? limit, Actor actor, TaskEventLog events, HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var afterId = ParseAfter(after, errors);
                var size = QueryValues.ParseInt(limit, "limit", Paging.DefaultLimit, 1, Paging.MaxLimit, errors);
                errors.ThrowIfAny();
                var (items, hasMore) = await events.PageAsync(actor, afterId, size, cancellationToken);
                WriteLinks(http, size, hasMore ? items[^1].Id : null);
                return TypedResults.Ok<IReadOnlyList<TaskEventResponse>>(items.Select(TaskEventResponse.From).ToList());
            })
            .WithTags("Events")
            .WithName("listEvents")
            .WithSummary("Task events after an id, oldest first (sync feed)")
            .WithDescription("Keep the id of the last event you processed and pass it as after; Link has rel=next while more events exist.")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static long ParseAfter(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            errors.Add("after", "Must be an event id (an integer ≥ 0).");
        }
        return after;
    }

    /// <summary>
    /// <c>first</c> always and <c>next</c> while more events exist, as GitHub pages; there is no
    /// <c>last</c> or total, which would mean counting a log that only grows.
    /// </summary>
    private static void WriteLinks(HttpContext http, int limit, long? nextAfter)
    {
        var size = KeyValuePair.Create("limit", (string?)limit.ToString(CultureInfo.InvariantCulture));
        var links = new List<string> { PagingHeaders.Link(http, [KeyValuePair.Create("after", (string?)"0"), size], "first") };
        if (nextAfter is { } next)
        {
            links.Add(PagingHeaders.Link(http, [KeyValuePair.Create("after", (string?)next.ToString(CultureInfo.InvariantCulture)), size], "next"));
        }
        http.Response.Headers.Link = string.Join(", ", links);
    }
}
