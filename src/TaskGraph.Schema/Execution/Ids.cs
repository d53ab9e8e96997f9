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
        _ => throw DomainException.Invalid(field, $"{field} must be a numeric id.", "Must be a numeric id."),
    };
}
