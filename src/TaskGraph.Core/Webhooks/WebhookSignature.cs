using System.Security.Cryptography;
using System.Text;

namespace TaskGraph.Core.Webhooks;

/// <summary>
/// Standard Webhooks signing: HMAC-SHA256 with the secret's key bytes over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>webhook-signature: v1,{base64}</c>.
/// Verified against the specification's test vectors (WebhookSignatureTests).
/// </summary>
public static class WebhookSignature
{
    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyBytes(secret), signed));
    }
}
