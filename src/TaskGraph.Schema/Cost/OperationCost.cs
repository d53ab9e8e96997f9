using GraphQLParser.AST;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// One operation's price, the points short pages give back, and what the budget said; kept in the
/// execution's user context so every step of the executer shares it, whatever the transport.
/// </summary>
public sealed class OperationCost
{
    private const string Key = "taskgraph:cost";

    private long _unused;

    /// <summary>The price before execution; null when the operation was never priced (it failed a cap, parsing or validation first).</summary>
    public long? Requested { get; private set; }

    /// <summary>What execution really cost: the price less the points of page items that did not exist; 0 when nothing ran.</summary>
    public long Actual => Charged && Requested is { } requested ? Math.Max(0, requested - Interlocked.Read(ref _unused)) : 0;

    /// <summary>login/register fields, each one attempt against the caller's login limit.</summary>
    public int LoginAttempts { get; private set; }

    /// <summary>The budget paid for it, so it runs.</summary>
    public bool Charged { get; internal set; }

    /// <summary>Why it was refused: <c>too_complex</c>, <c>budget</c> or <c>login_attempts</c>; null when it was not.</summary>
    public string? Refusal { get; internal set; }

    /// <summary>The caller's budget as last seen.</summary>
    public ThrottleStatus? Status { get; internal set; }

    internal IReadOnlyDictionary<GraphQLField, PageCost> Pages { get; private set; } = new Dictionary<GraphQLField, PageCost>();

    /// <summary>The record of the operation this user context belongs to, if it is being priced.</summary>
    public static OperationCost? Of(IDictionary<string, object?>? userContext) =>
        userContext is not null && userContext.TryGetValue(Key, out var value) ? value as OperationCost : null;

    internal static OperationCost AttachTo(IDictionary<string, object?> userContext)
    {
        var cost = new OperationCost();
        userContext[Key] = cost;
        return cost;
    }

    internal void Price(OperationAnalysis analysis)
    {
        Requested = analysis.Cost;
        LoginAttempts = analysis.LoginAttempts;
        Pages = analysis.Pages;
    }

    /// <summary>Points charged for page items that were not there.</summary>
    internal void GiveBack(double points)
    {
        if (points >= 1)
        {
            Interlocked.Add(ref _unused, (long)points);
        }
    }
}
