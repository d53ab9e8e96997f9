using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Auth;

/// <summary>bcrypt hashing, with the rules bcrypt itself does not enforce.</summary>
public sealed class PasswordHasher(IOptions<AuthOptions> options, IMeterFactory meters)
{
    private readonly Counter<long> _verifications = meters.Create(TaskGraphMeter.Name).CreateCounter<long>(
        "taskgraph.auth.password_verifications",
        description: "bcrypt verifications, tagged with the cost of the hash verified; a login for an unknown user verifies a dummy hash of the same cost.");

    public const int MinimumLength = 8;

    /// <summary>bcrypt ignores every byte past 72, so a longer password would be silently truncated.</summary>
    public const int MaximumBytes = 72;

    private readonly Lazy<string> _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), options.Value.BcryptWorkFactor));

    public static void Validate(string? password, ValidationErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Password is required.");
        }
        else if (password.Length < MinimumLength)
        {
            errors.Add(field, $"Password must be at least {MinimumLength} characters.");
        }
        else if (Encoding.UTF8.GetByteCount(password) > MaximumBytes)
        {
            errors.Add(field, $"Password must be at most {MaximumBytes} bytes in UTF-8.");
        }
    }

    public static bool IsValid(string? password)
    {
        var errors = new ValidationErrors();
        Validate(password, errors);
        return errors.IsEmpty;
    }

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.Value.BcryptWorkFactor);

    /// <summary>
    /// Verifies against the stored hash, or against a dummy hash of the same cost when there is no
    /// user, so a login takes as long whether the username exists or not.
    /// </summary>
    public bool Verify(string password, string? storedHash)
    {
        var hash = storedHash ?? _dummyHash.Value;
        _verifications.Add(1, new KeyValuePair<string, object?>("cost", Cost(hash)));
        bool matches;
        try
        {
            matches = BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            matches = false;
        }
        return matches && storedHash is not null;
    }

    /// <summary>The work factor written in a bcrypt hash ("$2a$11$…"), or null for a malformed one.</summary>
    private static int? Cost(string hash) =>
        hash.Length > 6 && int.TryParse(hash.AsSpan(4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? cost : null;
}
