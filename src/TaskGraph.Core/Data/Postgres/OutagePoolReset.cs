using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace TaskGraph.Core.Data.Postgres;

/// <summary>
/// When PostgreSQL goes away, the idle connections in Npgsql's pool are dead but only fail one by
/// one as requests pick them up. Clearing the pool at the first outage failure means the first
/// request after the server is back succeeds.
/// </summary>
internal sealed class OutagePoolReset : DbCommandInterceptor
{
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Reset(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Reset(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Reset(DbCommand command, Exception exception)
    {
        if (command.Connection is NpgsqlConnection connection && DatabaseOutage.Is(exception))
        {
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
