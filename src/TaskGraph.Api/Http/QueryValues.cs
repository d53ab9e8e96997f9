using System.Globalization;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Http;

/// <summary>Query values arrive as text and are checked here, so a bad one is a 422 naming the parameter.</summary>
public static class QueryValues
{
    public static int ParseInt(string? text, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, max == int.MaxValue ? $"Must be an integer ≥ {min}." : $"Must be an integer from {min} to {max}.");
            return fallback;
        }
        return value;
    }

    public static T? ParseEnum<T>(string? text, string name, ValidationErrors errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value) || char.IsDigit(text[0]))
        {
            errors.Add(name, $"Must be one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
            return null;
        }
        return value;
    }

    public static bool? ParseBool(string? text, string name, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, "Must be true or false.");
            return null;
        }
        return value;
    }
}
