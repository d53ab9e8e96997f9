namespace TaskGraph.Schema.Cost;

/// <summary>Why an operation was refused before it ran (the <c>reason</c> of the refusals metric).</summary>
public static class ThrottleRefusals
{
    public const string TooComplex = "too_complex";
    public const string Budget = "budget";
    public const string LoginAttempts = "login_attempts";
}
