using System.Text.Json;
using GraphQL;
using GraphQL.Instrumentation;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Turns the core's client-facing failures, and an unreachable database, into GraphQL errors with
/// the contract's codes; the field resolves to null (and a non-null field nulls its parent, as
/// GraphQL prescribes).
/// </summary>
public sealed class DomainErrorMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException exception)
        {
            throw ToExecutionError(exception);
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            throw DatabaseUnavailable(exception);
        }
    }

    /// <summary>SERVICE_UNAVAILABLE with the seconds to wait; not logged as a failure of ours (health checks report the outage).</summary>
    public static ExecutionError DatabaseUnavailable(Exception exception) =>
        new(DatabaseUnavailableMessage, exception)
        {
            Code = ErrorCodes.ServiceUnavailable,
            Extensions = new Dictionary<string, object?> { [Cost.CostThrottleListener.RetryAfterExtension] = DatabaseOutage.RetryAfterSeconds },
        };

    public const string DatabaseUnavailableMessage = "The database is unavailable right now. Try again shortly.";

    public static ExecutionError ToExecutionError(DomainException exception)
    {
        var error = new ExecutionError(exception.Message) { Code = CodeFor(exception.Kind) };
        if (exception.Errors.Count > 0)
        {
            // GraphQL names are camelCase; the core names fields as REST does (snake_case).
            var fields = exception.Errors.ToDictionary(e => CamelCase(e.Key), e => e.Value);
            error.Extensions = new Dictionary<string, object?>
            {
                ["field"] = fields.Keys.First(),
                ["fields"] = fields,
            };
        }
        return error;
    }

    public static string CodeFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => ErrorCodes.Validation,
        ErrorKind.NotFound => ErrorCodes.NotFound,
        ErrorKind.Conflict or ErrorKind.StaleVersion => ErrorCodes.Conflict,
        ErrorKind.InvalidCredentials => ErrorCodes.InvalidCredentials,
        ErrorKind.Forbidden => ErrorCodes.NotAuthorized,
        ErrorKind.UpstreamUnavailable => ErrorCodes.UpstreamUnavailable,
        _ => ErrorCodes.Internal,
    };

    private static string CamelCase(string snake) =>
        JsonNamingPolicy.CamelCase.ConvertName(string.Concat(snake.Split('_').Select((part, i) => i == 0 || part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..])));
}
