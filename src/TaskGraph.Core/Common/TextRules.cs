namespace TaskGraph.Core.Common;

/// <summary>Rules for text that clients send, shared by every field that stores or compares it.</summary>
public static class TextRules
{
    public const string ControlCharactersMessage = "Must not contain control characters.";

    /// <summary>Any control character at all (names, passwords, titles: one line of visible text).</summary>
    public static bool HasControlCharacters(string text) => text.Any(char.IsControl);

    /// <summary>Control characters other than tab and line breaks (multi-line text such as a description).</summary>
    public static bool HasControlCharactersBesidesLineBreaks(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
