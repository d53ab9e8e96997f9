using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// Between validation and execution, charges the operation's price and login attempts; a refusal is
/// a RATE_LIMITED request error, which stops the executer before anything runs.
/// </summary>
public sealed class CostThrottleListener(IOperationThrottle throttle) : DocumentExecutionListenerBase
{
    public const string RetryAfterExtension = "retryAfter";

    public override async Task AfterValidationAsync(IExecutionContext context, IValidationResult validationResult)
    {
        if (!validationResult.IsValid || context.Errors.Count > 0 || OperationCost.Of(context.UserContext) is not { Requested: { } points } cost)
        {
            return;
        }
        var decision = await throttle.AcquireAsync(context.User, points, cost.LoginAttempts, context.CancellationToken);
        cost.Status = decision.Status;
        if (decision.Allowed)
        {
            cost.Charged = true;
            return;
        }
        cost.Refusal = decision.Refusal;
        context.Errors.Add(new ExecutionError(decision.Message ?? "Rate limit exceeded.")
        {
            Code = ErrorCodes.RateLimited,
            Extensions = new Dictionary<string, object?> { [RetryAfterExtension] = decision.RetryAfterSeconds },
        });
    }
}
