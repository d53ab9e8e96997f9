namespace TaskGraph.Core.Common;

/// <summary>Which text a client may store or log in with, shared by every field that takes it.</summary>
public static class TextRules
{
    public const string Message = "Must not contain control characters or unpaired surrogates.";

    /// <summary>One line of visible text (names, emails, passwords, titles): no control character at all, nothing a database cannot store.</summary>
    public static bool IsSingleLine(string text) => StorableText.IsValid(text) && !text.Any(char.IsControl);

    /// <summary>Multi-line text (a description): tabs and line breaks besides.</summary>
    public static bool IsMultiLine(string text) => StorableText.IsValid(text) && !text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
