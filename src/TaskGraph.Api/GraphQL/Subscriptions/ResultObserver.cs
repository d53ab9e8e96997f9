using GraphQL;
using GraphQL.Execution;

namespace TaskGraph.Api.GraphQL.Subscriptions;

/// <summary>Receives a subscription's results from the executor and hands them to the transport.</summary>
internal sealed class ResultObserver(Action<ExecutionResult> next, Action<ExecutionError?> end) : IObserver<ExecutionResult>
{
    public void OnNext(ExecutionResult value) => next(value);

    /// <summary>The executor passes stream errors as ExecutionErrors (already logged and masked by then).</summary>
    public void OnError(Exception error) => end(error as ExecutionError ?? new UnhandledError("The subscription failed.", error));

    public void OnCompleted() => end(null);
}
