using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Execution;

/// <summary>IDs are the numeric database ids, as text (<c>"42"</c>), accepted as text or number.</summary>
public static class Ids
{
    public static int Parse(object? value, string field) => value switch
    {
        int number => number,
        long number when number is > 0 and <= int.MaxValue => (int)number,
        string text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => throw Invalid(field),
    };

    /// <summary>An event id (64-bit, 0 or more: <c>after: "0"</c> means from the beginning of the log).</summary>
    public static long ParseEventId(object? value, string field) => value switch
    {
        int number when number >= 0 => number,
        long number when number >= 0 => number,
        string text when long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) => number,
        _ => throw Invalid(field),
    };

    private static DomainException Invalid(string field) => DomainException.Invalid(field, $"{field} must be a numeric id.", "Must be a numeric id.");
}
