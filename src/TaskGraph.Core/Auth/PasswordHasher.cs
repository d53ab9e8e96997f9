using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Auth;

/// <summary>bcrypt hashing off the request threads, with the rules bcrypt itself does not enforce.</summary>
public sealed class PasswordHasher : IDisposable
{
    public const int MinimumLength = 8;

    /// <summary>bcrypt ignores every byte past 72, so a longer password would be silently truncated.</summary>
    public const int MaximumBytes = 72;

    private readonly int _workFactor;
    private readonly PasswordWorkers _workers;
    private readonly Lazy<string> _dummyHash;
    private readonly Counter<long> _verifications;

    public PasswordHasher(IOptions<AuthOptions> options, IMeterFactory meters)
    {
        _workFactor = options.Value.BcryptWorkFactor;
        _workers = new PasswordWorkers(options.Value.PasswordHashingThreads);
        _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), _workFactor));
        _verifications = meters.Create(TaskGraphMeter.Name).CreateCounter<long>(
            "taskgraph.auth.password_verifications",
            description: "bcrypt verifications, tagged with the cost of the hash verified; a login for an unknown user verifies a dummy hash of the same cost.");
    }

    public static void Validate(string? password, ValidationErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "Password is required.");
        }
        else if (!TextRules.IsSingleLine(password))
        {
            errors.Add(field, TextRules.Message);
        }
        else if (password.Length < MinimumLength)
        {
            errors.Add(field, $"Password must be at least {MinimumLength} characters.");
        }
        else if (!FitsBcrypt(password))
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

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        _workers.RunAsync(() => BCrypt.Net.BCrypt.HashPassword(password, _workFactor), cancellationToken);

    /// <summary>
    /// Verifies against the stored hash, or against a dummy hash of the same cost when there is no
    /// user, so a login takes as long whether the username exists or not. A password bcrypt would
    /// truncate never matches and is never handed to bcrypt.
    /// </summary>
    public async Task<bool> VerifyAsync(string password, string? storedHash, CancellationToken cancellationToken)
    {
        if (!FitsBcrypt(password))
        {
            return false;
        }
        var matches = await _workers.RunAsync(() =>
        {
            var hash = storedHash ?? _dummyHash.Value;
            _verifications.Add(1, new KeyValuePair<string, object?>("cost", Cost(hash)));
            try
            {
                return BCrypt.Net.BCrypt.Verify(password, hash);
            }
            catch (BCrypt.Net.SaltParseException)
            {
                return false;
            }
        }, cancellationToken);
        return matches && storedHash is not null;
    }

    /// <summary>The work factor written in a bcrypt hash ("$2a$11$…"), or null for a malformed one.</summary>
    private static int? Cost(string hash) =>
        hash.Length > 6 && int.TryParse(hash.AsSpan(4, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cost) ? cost : null;

    private static bool FitsBcrypt(string password) => Encoding.UTF8.GetByteCount(password) <= MaximumBytes;

    public void Dispose() => _workers.Dispose();
}
