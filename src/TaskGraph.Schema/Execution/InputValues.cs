using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Execution;

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
