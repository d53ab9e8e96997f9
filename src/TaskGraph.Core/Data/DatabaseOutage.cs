using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskGraph.Core.Data;

/// <summary>
/// Tells "the database cannot be reached right now" (answered 503 with Retry-After, retried by the
/// client) from every other database failure (a bug: a masked 500).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>How long clients are told to wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    // SQLite result codes (primary, low byte): busy, locked, I/O error, disk full, cannot open.
    private static readonly int[] SqliteUnavailable = [5, 6, 10, 13, 14];

    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return IsUnavailable(postgres.SqlState);
                // Npgsql's own failures below the server's answers: refused or broken connections, timeouts, pool exhaustion.
                case NpgsqlException:
                    return true;
                case SqliteException sqlite:
                    return SqliteUnavailable.Contains(sqlite.SqliteErrorCode & 0xFF);
            }
        }
        return false;
    }

    /// <summary>
    /// Connection exceptions (08), insufficient resources (53: too many connections, disk full),
    /// the server shutting down or starting (57P01–57P03), and a database that no longer exists (3D000).
    /// </summary>
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.InvalidCatalogName;
}
