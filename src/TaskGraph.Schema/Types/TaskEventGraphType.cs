using GraphQL;
using GraphQL.Types;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Events;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema.Types;

public sealed class TaskEventGraphType : ObjectGraphType<TaskEvent>
{
    public TaskEventGraphType()
    {
        Name = "TaskEvent";
        Description = "A change to a task, from the task event log (the same events as `GET /v1/events`).";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The event's id; ids increase in the order changes were committed. Pass the last one you saw as `after` to resume.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<TaskEventTypeEnumType>>("type").Description("What happened.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("The task's id (also for deletions).").Resolve(c => c.Source.TaskId);
        Field<TaskType>("task").Description("The task as it was right after this change; null for a deletion.").Resolve(c => c.Source.Task);
        Field<NonNullGraphType<IntGraphType>>("version").Description("The task's version after the change (a deletion is one more change).").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<DateTimeGraphType>>("occurredAt").Description("When the change was committed (UTC).").Resolve(c => c.Source.OccurredAt);
        Field<UserType>("actor")
            .Description("Who made the change. Null when the system made it (DUE_SOON) and, unless you are an admin, when someone else did (an admin changing your task).")
            .Resolve(c => c.Source.ActorId is { } actorId && Viewer(c) is { } viewer && (actorId == viewer.UserId || viewer.IsAdmin) ? c.Service<UserBatchLoader>().Load(actorId) : null);
    }

    /// <summary>
    /// The subscriber. Each event runs in a service scope of its own, without a request's
    /// CurrentActor; the principal is the one the transport authenticated, with the role it resolved.
    /// </summary>
    private static Actor? Viewer(IResolveFieldContext context) => context.User is { } user ? Actor.FromPrincipal(user) : null;
}
