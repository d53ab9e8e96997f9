namespace TaskGraph.Core.Common;

/// <summary>Text every supported database accepts as a parameter: PostgreSQL refuses NUL characters, and UTF-8 cannot encode a lone surrogate.</summary>
public static class StorableText
{
    public static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c) || (char.IsHighSurrogate(c) && (++i == text.Length || !char.IsLowSurrogate(text[i]))))
            {
                return false;
            }
        }
        return true;
    }
}
