namespace TaskGraph.Core.Common;

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

    /// <summary>
    /// UTC, cut to whole microseconds: PostgreSQL's timestamp precision. Values are cut before they are
    /// saved (on every provider), so what a write returns equals what later reads return.
    /// </summary>
    public static DateTime ToStoredPrecision(DateTime value)
    {
        var utc = AsUtc(value);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }
}
