using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskGraph.Core.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout makes a concurrent writer wait for the lock instead
/// of failing with "database is locked"; foreign keys are off by default in SQLite.
/// </summary>
internal sealed class SqliteConnectionSetup(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        RegisterFunctions(connection);
        using var command = CreatePragmas(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RegisterFunctions(connection);
        await using var command = CreatePragmas(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite's built-in lower() folds ASCII only ("École" stays "École"), while .NET and PostgreSQL
    /// fold all of Unicode. Title sorting, cursors and text search compare lower() in SQL with values
    /// lowered in .NET, so SQLite gets .NET's lowering and both sides always agree.
    /// </summary>
    private static void RegisterFunctions(DbConnection connection) =>
        ((SqliteConnection)connection).CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);

    private DbCommand CreatePragmas(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        return command;
    }
}
