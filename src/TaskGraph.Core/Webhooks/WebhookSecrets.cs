using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;

namespace TaskGraph.Core.Webhooks;

/// <summary>
/// Signing secrets: generated as Standard Webhooks' <c>whsec_</c> + base64 of 32 random bytes, stored
/// encrypted with AES-256-GCM under a key derived from <c>SECRET_KEY</c> (HKDF-SHA256), so a database
/// dump or backup alone does not reveal them; the server decrypts one to sign each delivery. Each
/// stored value names its key by a short fingerprint, so rotating <c>SECRET_KEY</c> with the old key in
/// <c>Webhooks:PreviousSecretKeys</c> keeps existing webhooks working.
/// </summary>
public sealed class WebhookSecrets
{
    public const string Prefix = "whsec_";
    private const string Format = "v1";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("taskgraph webhook secrets v1");

    private readonly KeyValuePair<string, byte[]> _current;
    private readonly Dictionary<string, byte[]> _keys;

    public WebhookSecrets(IOptions<AuthOptions> auth, IOptions<WebhookSecretKeyOptions> previous)
    {
        _current = Derive(auth.Value.SigningKeyBytes);
        _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [_current.Key] = _current.Value };
        foreach (var old in previous.Value.PreviousSecretKeys)
        {
            var (id, key) = Derive(Encoding.UTF8.GetBytes(old));
            _keys.TryAdd(id, key);
        }
    }

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key bytes the signature uses: the base64 after <c>whsec_</c>.</summary>
    public static byte[] KeyBytes(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_current.Value, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Encoding.UTF8.GetBytes(_current.Key));
        return $"{Format}.{_current.Key}.{Convert.ToBase64String(sealedBytes)}";
    }

    /// <exception cref="CryptographicException">The value was sealed with a key this instance does not have, or was altered.</exception>
    public string Unprotect(string stored)
    {
        var parts = stored.Split('.');
        if (parts is not [Format, var keyId, var payload] || !_keys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException("The webhook secret was sealed with a key this instance does not have (was SECRET_KEY rotated without Webhooks:PreviousSecretKeys?).");
        }
        var sealedBytes = Convert.FromBase64String(payload);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), plain, Encoding.UTF8.GetBytes(keyId));
        return Encoding.UTF8.GetString(plain);
    }

    private static KeyValuePair<string, byte[]> Derive(byte[] secretKey)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secretKey, 32, salt: [], info: Purpose);
        var id = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
        return KeyValuePair.Create(id, key);
    }
}
