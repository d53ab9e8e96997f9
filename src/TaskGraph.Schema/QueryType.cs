using GraphQL;
using GraphQL.Types;
using TaskGraph.Core.Common;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Jokes;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Users;
using TaskGraph.Core.Webhooks;
using TaskGraph.Schema.Cost;
using TaskGraph.Schema.Execution;
using TaskGraph.Schema.Filtering;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";
        Description = "Reads. Everything but `joke` needs `Authorization: Bearer <token>`.";

        Field<NonNullGraphType<UserType>>("me")
            .Description("The signed-in user.")
            .Authorize()
            .ResolveAsync(async c => await c.Service<UserAccounts>().GetAsync(c.Actor().UserId, c.CancellationToken));

        Field<TaskType>("task")
            .Description("One task by id. Null, with a NOT_FOUND error, when it does not exist or belongs to someone else.")
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The task's id.")
            .ResolveAsync(async c => await c.Service<TaskQueries>().GetAsync(c.Actor(), Ids.Parse(c.GetArgument<object>("id"), "id"), c.CancellationToken));

        Field<NonNullGraphType<TasksConnectionType>>("tasks")
            .Description("Your tasks (all tasks, for admins), filtered, sorted and paginated with cursors. Default order: newest first. Pages hold 20 by default, 100 at most.")
            .Authorize()
            .Argument<IntGraphType>("first", "Page size, reading forwards (default 20, at most 100).")
            .Argument<StringGraphType>("after", "Start after this cursor (an `endCursor` or an edge's `cursor`).")
            .Argument<IntGraphType>("last", "Page size, reading backwards (at most 100).")
            .Argument<StringGraphType>("before", "End before this cursor (a `startCursor` or an edge's `cursor`).")
            .Argument<TaskFilterInputType>("where", "Which tasks.")
            .Argument<ListGraphType<NonNullGraphType<TaskSortInputType>>>("order", "Sort keys (at most 5), applied in order; ties break by id.")
            .WithMetadata(FieldPrice.Key, FieldPrice.Connection<TaskItem>())
            .ResolveAsync(async c => await c.Service<TaskConnectionResolver>().ResolveAsync(c));

        Field<JobType>("job")
            .Description("A background job you started (any job, for admins). Null, with a NOT_FOUND error, for anyone else's.")
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The job's id.")
            .ResolveAsync(async c => Guid.TryParse(c.GetArgument<object>("id")?.ToString(), out var id)
                ? await c.Service<JobQueries>().GetAsync(c.Actor(), id, c.CancellationToken)
                : throw DomainException.NotFound("Job", c.GetArgument<object>("id")!));

        Field<NonNullGraphType<UsersConnectionType>>("users")
            .Description("All users in id order (admins only).")
            .AuthorizeWithRoles(Core.Auth.TokenClaims.AdminRole)
            .Argument<IntGraphType>("first", "Page size (default 20, at most 100).")
            .Argument<StringGraphType>("after", "Start after this cursor.")
            .WithMetadata(FieldPrice.Key, FieldPrice.Connection<User>())
            .ResolveAsync(async c => await c.Service<UserAccounts>().PageAsync(
                new PageRequest(c.GetArgument<int?>("first"), c.GetArgument<string?>("after")), c.CancellationToken));

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("Your webhooks (at most 20 by default), oldest first.")
            .Authorize()
            .ResolveAsync(async c => await c.Service<WebhookSubscriptions>().ListAsync(c.Actor(), c.CancellationToken));

        Field<NonNullGraphType<JokeType>>("joke")
            .Description("A random joke from the external joke service (no sign-in needed). UPSTREAM_UNAVAILABLE when it fails or takes more than 3 seconds.")
            .WithMetadata(FieldPrice.Key, FieldPrice.Upstream)
            // One upstream call per operation: aliased joke fields share its answer.
            .ResolveAsync(async c => await c.OncePerOperation("taskgraph:joke", () => c.Service<JokeClient>().GetRandomAsync(c.CancellationToken)));
    }
}
