namespace TaskGraph.Core.Auth;

/// <summary>
/// The caller of the current request (scoped): set once, after the token is validated, with the role
/// the database holds now; null for anonymous requests. Both faces read it instead of the token's claims.
/// </summary>
public sealed class CurrentActor
{
    public Actor? Value { get; set; }

    /// <summary>The caller, where authorization has already required one.</summary>
    public Actor Required => Value ?? throw new InvalidOperationException("No authenticated caller: this code runs only for requests that require authorization.");
}
