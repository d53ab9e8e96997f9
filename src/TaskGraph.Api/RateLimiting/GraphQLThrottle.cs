using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using TaskGraph.Api.Observability;
using TaskGraph.Core.Auth;
using TaskGraph.Schema.Cost;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Api.RateLimiting;

/// <summary>
/// The budgets behind GraphQL cost: each client's points (user, else address; GRAPHQL_COST_LIMIT per
/// RATE_PERIOD) and, for login/register fields, the address's login attempts (the same limit as REST
/// login). Counts what operations spent and why any were refused.
/// </summary>
public sealed class GraphQLThrottle(
    ICostBudgetStore budgets,
    IRateLimitStore limits,
    RateLimitPaths paths,
    IOptions<GraphQLOptions> graphql,
    IOptions<RateLimitingOptions> rateLimiting,
    IHttpContextAccessor http,
    TaskGraphMetrics metrics) : IOperationThrottle
{
    private readonly CostBudgetPolicy _policy = new(graphql.Value.CostLimit, TimeSpan.FromSeconds(rateLimiting.Value.PeriodSeconds));

    public async ValueTask<ThrottleDecision> AcquireAsync(ClaimsPrincipal? user, long points, int loginAttempts, CancellationToken cancellationToken)
    {
        var key = BudgetKey(user);
        var taken = await budgets.ApplyAsync(key, _policy, points, cancellationToken);
        if (!taken.Allowed)
        {
            var seconds = _policy.SecondsUntil(points, taken.Available);
            return new ThrottleDecision(false, Status(taken), ThrottleRefusals.Budget, string.Create(CultureInfo.InvariantCulture,
                $"Rate limit exceeded: this operation costs {points} points and {Math.Floor(taken.Available)} of your {_policy.Limit} are available (restored at {_policy.RestoreRate:0.##} per second). Try again in {seconds} seconds."),
                seconds);
        }
        if (loginAttempts > 0 && paths.Auth is { } auth)
        {
            var attempts = await limits.AcquireAsync(ClientKeys.For(null, http.HttpContext?.Connection.RemoteIpAddress, keyByUser: false), auth, loginAttempts, cancellationToken);
            if (!attempts.Allowed)
            {
                var returned = await budgets.ApplyAsync(key, _policy, -points, cancellationToken);
                var seconds = RateLimitingMiddleware.Seconds(attempts.ResetAfter, auth);
                return new ThrottleDecision(false, Status(returned), ThrottleRefusals.LoginAttempts, string.Create(CultureInfo.InvariantCulture,
                    $"Rate limit exceeded: this operation makes {loginAttempts} login attempts and {attempts.Remaining} of {auth.Limit} per {(long)auth.Period.TotalSeconds} seconds are left for this address. Nothing was run. Try again in {seconds} seconds."),
                    seconds);
            }
        }
        return new ThrottleDecision(true, Status(taken));
    }

    public async ValueTask<ThrottleStatus> SettleAsync(ClaimsPrincipal? user, OperationCost cost, CancellationToken cancellationToken)
    {
        if (cost.Refusal is { } reason)
        {
            metrics.GraphQLCostRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
        if (!cost.Charged)
        {
            return cost.Status ?? Status(await budgets.ApplyAsync(BudgetKey(user), _policy, 0, cancellationToken));
        }
        metrics.GraphQLCost.Add(cost.Actual);
        var unused = cost.Requested.GetValueOrDefault() - cost.Actual;
        return unused > 0 || cost.Status is null
            ? Status(await budgets.ApplyAsync(BudgetKey(user), _policy, -unused, cancellationToken))
            : cost.Status;
    }

    private string BudgetKey(ClaimsPrincipal? user) =>
        ClientKeys.For(user is null ? null : Actor.FromPrincipal(user), http.HttpContext?.Connection.RemoteIpAddress, keyByUser: true);

    private ThrottleStatus Status(CostBudgetState state) =>
        new(_policy.Limit, (long)Math.Floor(Math.Max(0, state.Available)), Math.Round(_policy.RestoreRate, 2));
}
