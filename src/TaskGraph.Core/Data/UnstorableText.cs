using Npgsql;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Data;

/// <summary>
/// PostgreSQL text cannot hold NUL (SQLite's can), so a search or filter value with one is refused
/// by the database (22021) rather than by validation: the client's mistake, answered as such.
/// </summary>
public static class UnstorableText
{
    public static bool Is(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire })
            {
                return true;
            }
        }
        return false;
    }

    public static DomainException Error() => DomainException.Invalid("text", "Text values must not contain NUL characters.");
}
