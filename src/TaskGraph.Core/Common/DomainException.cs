namespace TaskGraph.Core.Common;

/// <summary>
/// A client-facing failure raised by the core. Its message is safe to show to the caller;
/// anything else that escapes is an internal error and is masked.
/// </summary>
public sealed class DomainException(ErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(message)
{
    public ErrorKind Kind { get; } = kind;

    /// <summary>Field errors keyed by the snake_case field name (validation only).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    public static DomainException NotFound(string what, object id) => new(ErrorKind.NotFound, $"{what} {id} was not found.");

    /// <summary>A validation failure of one field (<paramref name="fieldMessage"/> for its entry in <see cref="Errors"/>, else the message).</summary>
    public static DomainException Invalid(string field, string message, string? fieldMessage = null) =>
        new(ErrorKind.Validation, message, new Dictionary<string, string[]> { [field] = [fieldMessage ?? message] });
}
