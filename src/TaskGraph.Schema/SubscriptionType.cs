using GraphQL;
using GraphQL.Types;
using TaskGraph.Core.Common;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks.Listing;
using TaskGraph.Schema.Execution;
using TaskGraph.Schema.Filtering;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema;

public sealed class SubscriptionType : ObjectGraphType
{
    public SubscriptionType()
    {
        Name = "Subscription";
        Description = "Live updates: over a WebSocket at /graphql (graphql-transport-ws, token in connection_init's payload) or Server-Sent Events (POST /graphql with Accept: text/event-stream and a bearer token).";

        Field<NonNullGraphType<TaskEventGraphType>>("taskChanged")
            .Description("Every change to your tasks (all tasks, for admins) as it is committed. `where` is tested on the task after the change; deletions, which leave no task, always pass. With `after`, the events after that id are replayed from the log first, then live ones follow with no gap and no duplicate.")
            .Authorize()
            .Argument<TaskFilterInputType>("where", "Only changes that leave the task matching this filter.")
            .Argument<IdGraphType>("after", "Replay the events after this event id first (the `id` of the last event you received; \"0\" for the whole log).")
            .Resolve(c => c.Source)
            .ResolveStream(c =>
            {
                try
                {
                    // The same vocabulary and predicate as tasks(where:), compiled to test each task in memory.
                    var where = c.Input("where") is { } filter ? TaskFilterExpressions.Predicate(TaskListArguments.ToQuery(filter, null).Filter).Compile() : null;
                    long? after = c.GetArgument<object?>("after") is { } value ? Ids.ParseEventId(value, "after") : null;
                    var flow = c.UserContext.TryGetValue(SubscriptionFlow.UserContextKey, out var found) ? found as SubscriptionFlow : null;
                    return new TaskEventObservable(c.Service<TaskEventHub>(), c.Actor(), where, after, flow);
                }
                catch (DomainException exception)
                {
                    throw DomainErrorMiddleware.ToExecutionError(exception);
                }
            });
    }
}
