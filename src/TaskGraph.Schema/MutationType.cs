using GraphQL;
using GraphQL.Types;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Events;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Batch;
using TaskGraph.Core.Tasks.Import;
using TaskGraph.Core.Users;
using TaskGraph.Core.Webhooks;
using TaskGraph.Schema.Cost;
using TaskGraph.Schema.Execution;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema;

public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";
        Description = "Writes. `register` and `login` need no token; the rest need `Authorization: Bearer <token>`.";

        Field<NonNullGraphType<UserType>>("register")
            .Description("Creates an account with role USER. CONFLICT when the username or email is taken.")
            .Argument<NonNullGraphType<RegisterInputType>>("input", "The new account.")
            .WithMetadata(FieldPrice.Key, FieldPrice.Password)
            .ResolveAsync(async c =>
            {
                var input = c.Input("input")!;
                return await c.Service<UserAccounts>().RegisterAsync(Text(input, "username"), Text(input, "email"), Text(input, "password"), c.CancellationToken);
            });

        Field<NonNullGraphType<AuthPayloadType>>("login")
            .Description("Exchanges a username and password for a bearer token. INVALID_CREDENTIALS when either is wrong.")
            .Argument<NonNullGraphType<LoginInputType>>("input", "The credentials.")
            .WithMetadata(FieldPrice.Key, FieldPrice.Password)
            .ResolveAsync(async c =>
            {
                var input = c.Input("input")!;
                var user = await c.Service<UserAccounts>().AuthenticateAsync(Text(input, "username"), Text(input, "password"), c.CancellationToken);
                var token = c.Service<TokenIssuer>().Issue(user);
                return new AuthPayload(token.Token, "bearer", token.ExpiresInSeconds, user);
            });

        Field<NonNullGraphType<TaskType>>("createTask")
            .Description("Creates a task owned by you.")
            .Authorize()
            .Argument<NonNullGraphType<CreateTaskInputType>>("input", "The task.")
            .ResolveAsync(async c => await c.Service<TaskCommands>().CreateAsync(c.Actor(), ToNewTask(c.Input("input")!), c.CancellationToken));

        Field<NonNullGraphType<TaskType>>("updateTask")
            .Description("Changes the fields you send; the others stay as they are. With `expectedVersion`, only if nobody changed the task since (else CONFLICT).")
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The task's id.")
            .Argument<NonNullGraphType<UpdateTaskInputType>>("input", "The changes.")
            .ResolveAsync(async c =>
            {
                var input = c.Input("input")!;
                var changes = new TaskChanges(
                    Field(input, "title", v => (string?)v),
                    Field(input, "description", v => (string?)v),
                    Field(input, "completed", v => (bool?)v),
                    Field(input, "priority", v => (Priority?)v),
                    Field(input, "dueDate", InputValues.Instant));
                var expectedVersion = input.TryGetValue("expectedVersion", out var version) ? (int?)version : null;
                return await c.Service<TaskCommands>().UpdateAsync(c.Actor(), Ids.Parse(c.GetArgument<object>("id"), "id"), changes, expectedVersion, c.CancellationToken);
            });

        Field<NonNullGraphType<IdGraphType>>("deleteTask")
            .Description("Deletes a task and returns its id. NOT_FOUND when it does not exist or belongs to someone else.")
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The task's id.")
            .ResolveAsync(async c =>
            {
                var id = Ids.Parse(c.GetArgument<object>("id"), "id");
                await c.Service<TaskCommands>().DeleteAsync(c.Actor(), id, expectedVersion: null, c.CancellationToken);
                return id;
            });

        Field<NonNullGraphType<BatchUpdateTasksPayloadType>>("batchUpdateTasks")
            .Description($"Completes, reopens, deletes or re-prioritizes up to {TaskBatch.MaxIds} tasks in one transaction: when any id is not yours (or does not exist), NOT_FOUND names it and nothing changes. Costs 10 plus 1 per 2 ids.")
            .Authorize()
            .Argument<NonNullGraphType<BatchActionType>>("action", "What to do to each task.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"The tasks (at most {TaskBatch.MaxIds}).")
            .Argument<PriorityType>("priority", "The new priority, for SET_PRIORITY only.")
            .WithMetadata(FieldPrice.Key, FieldPrice.PerItem("ids", FieldPrice.BatchPointsPerId))
            .ResolveAsync(async c =>
            {
                var ids = c.GetArgument<List<object>>("ids").Select(id => Ids.Parse(id, "ids")).ToList();
                var batch = new TaskBatch(c.GetArgument<BatchAction>("action"), ids, c.GetArgument<Priority?>("priority"));
                return await c.Service<TaskCommands>().BatchAsync(c.Actor(), batch, c.CancellationToken);
            });

        Field<NonNullGraphType<JobType>>("importTasks")
            .Description($"Imports up to {TaskImports.MaxRows} tasks as a background job and returns it: follow it with `job(id:)`. Valid tasks are created; each invalid one is reported in the job's `errors` by its position (from 1). Costs 10 plus 1 per 20 tasks.")
            .Authorize()
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<CreateTaskInputType>>>>("tasks", "The tasks, as for `createTask`.")
            .WithMetadata(FieldPrice.Key, FieldPrice.PerItem("tasks", FieldPrice.ImportPointsPerRow))
            .ResolveAsync(async c =>
            {
                var actor = c.Actor();
                var rows = c.GetArgument<List<object>>("tasks").Select(t => ToImportRow((IDictionary<string, object?>)t!)).ToAsyncEnumerable();
                var job = await c.Service<TaskImports>().StartAsync(actor, rows, c.CancellationToken);
                return await c.Service<JobQueries>().GetAsync(actor, job.Id, c.CancellationToken);
            });

        Field<NonNullGraphType<UserType>>("setUserRole")
            .Description("Gives a user a role (admins only).")
            .AuthorizeWithRoles(TokenClaims.AdminRole)
            .Argument<NonNullGraphType<IdGraphType>>("userId", "The user's id.")
            .Argument<NonNullGraphType<RoleType>>("role", "The new role.")
            .ResolveAsync(async c => await c.Service<UserAccounts>().SetRoleAsync(
                Ids.Parse(c.GetArgument<object>("userId"), "userId"), c.GetArgument<Role>("role"), c.CancellationToken));

        AddWebhookFields(this);
    }

    private static void AddWebhookFields(MutationType mutation)
    {
        mutation.Field<NonNullGraphType<CreatedWebhookType>>("createWebhook")
            .Description("Creates a webhook for your tasks' events. The secret is in this answer only. VALIDATION_ERROR for a refused URL (not http/https; loopback, private, link-local, CGNAT or metadata addresses).")
            .Authorize()
            .Argument<NonNullGraphType<CreateWebhookInputType>>("input", "The webhook.")
            .ResolveAsync(async c =>
            {
                var input = c.Input("input")!;
                var events = input.TryGetValue("events", out var list) && list is IEnumerable<object?> types
                    ? types.Select(t => t is TaskEventType type ? type.ToName() : null).ToList()
                    : null;
                var (webhook, secret) = await c.Service<WebhookSubscriptions>().CreateAsync(c.Actor(), Text(input, "url"), events, Text(input, "description"), c.CancellationToken);
                return new CreatedWebhook(webhook, secret);
            });

        mutation.Field<NonNullGraphType<IdGraphType>>("deleteWebhook")
            .Description("Deletes one of your webhooks and its deliveries log, and returns its id. NOT_FOUND when it is not yours.")
            .Authorize()
            .Argument<NonNullGraphType<IdGraphType>>("id", "The webhook's id.")
            .ResolveAsync(async c =>
            {
                var id = Ids.Parse(c.GetArgument<object>("id"), "id");
                await c.Service<WebhookSubscriptions>().DeleteAsync(c.Actor(), id, c.CancellationToken);
                return id;
            });
    }

    private static NewTask ToNewTask(IDictionary<string, object?> input) => new(
        Text(input, "title"),
        Text(input, "description"),
        input.TryGetValue("completed", out var completed) ? (bool?)completed : null,
        input.TryGetValue("priority", out var priority) ? (Priority?)priority : null,
        input.TryGetValue("dueDate", out var due) ? InputValues.Instant(due) : null);

    /// <summary>The input's types are checked by GraphQL already, so the row carries no type errors.</summary>
    private static ImportRow ToImportRow(IDictionary<string, object?> input)
    {
        var task = ToNewTask(input);
        return new ImportRow { Title = task.Title, Description = task.Description, Completed = task.Completed, Priority = task.Priority, DueDate = task.DueDate };
    }

    private static string? Text(IDictionary<string, object?> input, string name) => input.TryGetValue(name, out var value) ? value as string : null;

    private static Optional<T?> Field<T>(IDictionary<string, object?> input, string name, Func<object?, T?> convert) =>
        input.TryGetValue(name, out var value) ? new Optional<T?>(true, convert(value)) : default;
}
