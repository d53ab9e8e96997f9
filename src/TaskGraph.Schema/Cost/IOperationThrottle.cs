using System.Security.Claims;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// The caller's budgets (cost points per client, login attempts per address), kept by the host:
/// the schema decides what an operation costs, the host whether the caller can pay.
/// </summary>
public interface IOperationThrottle
{
    /// <summary>Takes the operation's points and login attempts, all or nothing; refused when either budget is short.</summary>
    ValueTask<ThrottleDecision> AcquireAsync(ClaimsPrincipal? user, long points, int loginAttempts, CancellationToken cancellationToken);

    /// <summary>After the operation: returns points it did not use, records what it cost, and reports the budget left.</summary>
    ValueTask<ThrottleStatus> SettleAsync(ClaimsPrincipal? user, OperationCost cost, CancellationToken cancellationToken);
}
