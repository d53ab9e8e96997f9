using GraphQL;
using GraphQL.DI;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// Wraps every execution in the operation's <see cref="OperationCost"/>; afterwards settles the budget
/// and adds Shopify's <c>extensions.cost</c> to the result, whether it has data or only errors.
/// </summary>
public sealed class CostReporting(IOperationThrottle throttle) : IConfigureExecution
{
    /// <summary>Outside the document cache and caps (200), so refusals there are reported too.</summary>
    public float SortOrder => 150;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var cost = OperationCost.AttachTo(options.UserContext);
        var result = await next(options);
        var status = await throttle.SettleAsync(options.User, cost, options.CancellationToken);
        result.Extensions ??= [];
        result.Extensions["cost"] = new Dictionary<string, object?>
        {
            ["requestedQueryCost"] = cost.Requested,
            ["actualQueryCost"] = cost.Actual,
            ["throttleStatus"] = new Dictionary<string, object?>
            {
                ["maximumAvailable"] = status.MaximumAvailable,
                ["currentlyAvailable"] = status.CurrentlyAvailable,
                ["restoreRate"] = status.RestoreRate,
            },
        };
        return result;
    }
}
