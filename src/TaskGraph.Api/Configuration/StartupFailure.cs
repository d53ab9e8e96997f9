using System.Reflection;
using Microsoft.Extensions.Options;

namespace TaskGraph.Api.Configuration;

/// <summary>
/// A bad setting ends start-up with one line on stderr and exit code 1, not an unhandled-exception
/// dump (exit 134); anything else is a bug and keeps its stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    /// <summary>The line to print when the exception is a configuration mistake, else null.</summary>
    public static string? Describe(Exception exception) =>
        Reason(exception) is { } reason ? "TaskGraph cannot start, invalid configuration: " + WithVariables(reason).ReplaceLineEndings(" ") : null;

    private static string? Reason(Exception exception) => exception switch
    {
        TargetInvocationException { InnerException: { } inner } => Reason(inner),
        AggregateException aggregate => aggregate.InnerExceptions.Select(Reason).ToList() is var reasons && reasons.All(r => r is not null)
            ? string.Join(" ", reasons)
            : null,
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        // The configuration binder's own error ("Failed to convert configuration value 'abc' at 'RateLimiting:Limit' to type 'System.Int32'").
        InvalidOperationException { InnerException: ArgumentException or FormatException } binder
            when binder.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => binder.Message,
        _ => null,
    };

    /// <summary>Names the contract's variable beside its key, since that is what people set.</summary>
    private static string WithVariables(string reason)
    {
        foreach (var (variable, key) in ContractEnvironmentVariables.Aliases)
        {
            reason = reason.Replace($"'{key}'", $"'{key}' ({variable})", StringComparison.Ordinal);
        }
        return reason;
    }
}
