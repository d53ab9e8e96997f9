using System.Globalization;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Caching;
using TaskGraph.Schema.Cost;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Queries run one field at a time (a request's DbContext is not thread-safe). A query whose root fields are
/// only <c>tasks</c> (and <c>__typename</c>) depends on nothing but the caller's tasks: its <c>data</c> is kept
/// through the task page cache as the bytes it serialized to, keyed by caller, document, operation and
/// variables, and a hit skips execution. Validation (authorization, price) and the budget run before either way.
/// </summary>
public sealed class CachingExecutionStrategy(ITaskPageCache cache, IGraphQLTextSerializer serializer) : SerialExecutionStrategy
{
    public const string Face = "graphql";

    private const string UnusedPoints = "unused-points";

    public override async Task<ExecutionResult> ExecuteAsync(ExecutionContext context)
    {
        if (!cache.Enabled || !OnlyTasks(context.Operation) || context.RequestServices?.GetRequiredService<CurrentActor>().Value is not { } actor)
        {
            return await base.ExecuteAsync(context);
        }
        ExecutionResult? executed = null;
        try
        {
            var cost = OperationCost.Of(context.UserContext);
            var (page, _) = await cache.GetOrCreateAsync(new TaskPageKey(actor, Face, Key(context)), async () =>
            {
                executed = await base.ExecuteAsync(context);
                if (executed.Errors is { Count: > 0 })
                {
                    throw new NotCacheable();
                }
                // Short pages gave points back while executing; a hit, which executes nothing, gives back the same.
                var unused = cost is { Charged: true, Requested: { } requested } ? requested - cost.Actual : 0;
                return new CachedPage(DataOf(executed), new Dictionary<string, string> { [UnusedPoints] = unused.ToString(CultureInfo.InvariantCulture) });
            }, context.CancellationToken);
            if (executed is null && page.Metadata.TryGetValue(UnusedPoints, out var points))
            {
                cost?.GiveBack(long.Parse(points, CultureInfo.InvariantCulture));
            }
            var result = executed ?? new ExecutionResult { Executed = true, Query = context.Document.Source.ToString(), Document = context.Document, Operation = context.Operation };
            result.Data = new CachedData(page.Content);
            return result;
        }
        catch (NotCacheable)
        {
            return executed!; // a result with errors is answered, never kept
        }
    }

    /// <summary>Leaves the cache without storing: the execution's result had errors.</summary>
    private sealed class NotCacheable : Exception;

    private static bool OnlyTasks(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(selection => selection is GraphQLField field && (field.Name == "tasks" || field.Name == "__typename"));

    /// <summary>Everything besides the caller the data depends on: the operation's name, its variables and the document text.</summary>
    private static string Key(ExecutionContext context) =>
        $"{context.Operation.Name?.StringValue}\n{JsonSerializer.Serialize(context.Variables.ToDictionary(v => v.Name, v => v.Value))}\n{context.Document.Source}";

    private byte[] DataOf(ExecutionResult result)
    {
        var json = Encoding.UTF8.GetBytes(serializer.Serialize(new ExecutionResult { Executed = true, Data = result.Data }));
        var reader = new Utf8JsonReader(json);
        reader.Read(); // {
        reader.Read(); // "data"
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return json[start..(int)reader.BytesConsumed];
    }
}
