using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskGraph.Core.Data;

/// <summary>Tells an insert refused by a unique index (on either provider) from any other failed write.</summary>
public static class UniqueViolation
{
    /// <summary>SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (extended result codes).</summary>
    private static readonly int[] SqliteUnique = [2067, 1555];

    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState == PostgresErrorCodes.UniqueViolation;
                case SqliteException sqlite:
                    return SqliteUnique.Contains(sqlite.SqliteExtendedErrorCode);
            }
        }
        return false;
    }
}
