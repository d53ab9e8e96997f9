using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Tests.Webhooks;

/// <summary>The signing code against the Standard Webhooks specification's own test vector, and the secret protection's round trip and key rotation.</summary>
public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signing_matches_the_standard_webhooks_test_vector()
    {
        // libraries/*/tests of github.com/standard-webhooks/standard-webhooks: the same vector in every language.
        var signature = WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void A_protected_secret_reads_back_only_with_its_key_and_survives_a_key_rotation_listed_as_previous()
    {
        var secret = WebhookSecrets.Generate();
        var before = Secrets("first-signing-key-that-is-32-bytes-long!!");
        var stored = before.Protect(secret);

        var rotated = Secrets("second-signing-key-that-is-32-bytes-long!", "first-signing-key-that-is-32-bytes-long!!");
        var forgotten = Secrets("second-signing-key-that-is-32-bytes-long!");

        Assert.Equal(secret, before.Unprotect(stored));
        Assert.Equal(secret, rotated.Unprotect(stored));
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => forgotten.Unprotect(stored));
        Assert.NotEqual(stored, before.Protect(secret)); // a fresh nonce each time
    }

    private static WebhookSecrets Secrets(string key, params string[] previous) => new(
        Options.Create(new AuthOptions { SecretKey = key }),
        Options.Create(new WebhookSecretKeyOptions { PreviousSecretKeys = previous }));
}
