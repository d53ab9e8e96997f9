namespace TaskGraph.Schema.Common;

/// <summary>
/// All instants are stored and returned as UTC. Providers hand back DateTime of unspecified kind
/// (SQLite stores text), so the kind is restored on the way in and out.
/// </summary>
public static class UtcDateTime
{
    public static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
