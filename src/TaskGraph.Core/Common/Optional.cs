namespace TaskGraph.Core.Common;

/// <summary>
/// A value that may be absent, distinct from a value that is null: a partial update leaves
/// absent fields alone and clears fields sent as null.
/// </summary>
public readonly record struct Optional<T>(bool HasValue, T Value)
{
    public static implicit operator Optional<T>(T value) => new(true, value);
}
