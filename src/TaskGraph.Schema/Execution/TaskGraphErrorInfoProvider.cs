using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Shapes every GraphQL error: <c>extensions.code</c> from the contract, <c>extensions.requestId</c>
/// (the response's X-Request-ID), any field details; anything unexpected is masked as INTERNAL_ERROR
/// (it is logged once, with the request id, by the unhandled-exception handler).
/// </summary>
public sealed class TaskGraphErrorInfoProvider(IHttpContextAccessor http) : IErrorInfoProvider
{
    public const string MaskedMessage = "An internal error occurred. Quote the requestId when reporting it.";

    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var (code, message) = Classify(executionError);
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (code != ErrorCodes.Internal && executionError.Extensions is { } details)
        {
            foreach (var (key, value) in details)
            {
                extensions.TryAdd(key, value);
            }
        }
        if (http.HttpContext?.TraceIdentifier is { } requestId)
        {
            extensions["requestId"] = requestId;
        }
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    private static (string Code, string Message) Classify(ExecutionError error) => error switch
    {
        // A domain failure thrown where the field middleware does not run (e.g. inside a batch load).
        UnhandledError { InnerException: DomainException domain } => (DomainErrorMiddleware.CodeFor(domain.Kind), domain.Message),
        UnhandledError unhandled when DatabaseOutage.Is(unhandled.InnerException) => (ErrorCodes.ServiceUnavailable, DomainErrorMiddleware.DatabaseUnavailableMessage),
        UnhandledError => (ErrorCodes.Internal, MaskedMessage),
        SyntaxError => (ErrorCodes.ParseFailed, error.Message),
        // Our rules (authorization, limits, GET) set a contract code; the spec's rules do not.
        ValidationError when IsOurs(error.Code) => (error.Code!, error.Message),
        ValidationError => (ErrorCodes.ValidationFailed, error.Message),
        DocumentError => (ErrorCodes.BadRequest, error.Message),
        _ when IsOurs(error.Code) => (error.Code!, error.Message),
        // Errors the executor raised without an exception behind them (e.g. a non-null field that resolved null).
        _ when error.InnerException is null => (ErrorCodes.Internal, error.Message),
        _ => (ErrorCodes.Internal, MaskedMessage),
    };

    private static bool IsOurs(string? code) => code is not null && ErrorCodes.All.Contains(code);
}
