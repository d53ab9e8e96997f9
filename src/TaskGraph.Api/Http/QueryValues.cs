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
}
