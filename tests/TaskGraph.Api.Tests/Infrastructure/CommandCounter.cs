using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>Records the SQL commands the app sends, so tests can count queries (batching, lookups per request).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        lock (_commands)
        {
            _commands.Add(command.CommandText);
        }
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public void Clear()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }
}
