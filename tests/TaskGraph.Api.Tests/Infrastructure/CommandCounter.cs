using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands the app sends while serving a request, so tests can count queries (batching,
/// lookups per request). Background work such as the event dispatcher's reads of the log runs outside any
/// request, at moments a test does not control, and is left out.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    // Every accessor reads the same async-local request context, so this one sees the app's requests.
    private readonly HttpContextAccessor _requests = new();

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
        if (_requests.HttpContext is not null)
        {
            lock (_commands)
            {
                _commands.Add(command.CommandText);
            }
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
