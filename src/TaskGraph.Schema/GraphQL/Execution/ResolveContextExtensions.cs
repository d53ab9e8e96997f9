using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Schema.Auth;
using TaskGraph.Schema.Common;

namespace TaskGraph.Schema.GraphQL.Execution;

public static class ResolveContextExtensions
{
    /// <summary>A request-scoped service (the same DbContext as the rest of this request).</summary>
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull =>
        (context.RequestServices ?? throw new InvalidOperationException("ExecutionOptions.RequestServices is not set.")).GetRequiredService<T>();

    /// <summary>The caller. Fields that need one are marked <c>Authorize()</c>, so the authorization rule has already rejected anonymous requests.</summary>
    public static Actor Actor(this IResolveFieldContext context) =>
        context.User is { } user && Auth.Actor.FromPrincipal(user) is { } actor
            ? actor
            : throw new InvalidOperationException("An authorized field ran without an authenticated user.");

    /// <summary>A dictionary argument exactly as sent: absent fields absent, null fields present as null.</summary>
    public static IDictionary<string, object?>? Input(this IResolveFieldContext context, string name) =>
        context.GetArgument<Dictionary<string, object?>?>(name);
}

/// <summary>IDs are the numeric database ids, as text (<c>"42"</c>), accepted as text or number.</summary>
public static class Ids
{
    public static int Parse(object? value, string field) => value switch
    {
        int number => number,
        long number when number is > 0 and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => throw DomainException.Invalid(field, $"{field} must be a numeric id.", "Must be a numeric id."),
    };
}

/// <summary>Coerced input values as the core wants them.</summary>
public static class InputValues
{
    /// <summary>A DateTime argument as UTC (the scalar may hand back local or offset values).</summary>
    public static DateTime? Instant(object? value) => value switch
    {
        null => null,
        DateTime dateTime => UtcDateTime.AsUtc(dateTime),
        DateTimeOffset offset => offset.UtcDateTime,
        _ => throw new InvalidCastException($"Not a date: {value.GetType().Name}."),
    };
}
