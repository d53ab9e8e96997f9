using System.Net;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Webhooks;

/// <summary>
/// The rules for a webhook URL when it is created: absolute http or https, no credentials or fragment,
/// at most 2,048 characters, and (unless private targets are allowed) no host that names a refused
/// address or localhost. A public-looking name is accepted: what it resolves to is checked at every delivery.
/// </summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <returns>The parsed URL, or null when <paramref name="errors"/> says why not.</returns>
    public static Uri? Validate(string? url, bool allowPrivate, ValidationErrors errors)
    {
        const string field = "url";
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add(field, "URL is required.");
            return null;
        }
        if (url.Length > MaxLength || !TextRules.IsSingleLine(url))
        {
            errors.Add(field, $"URL must be one line of at most {MaxLength} characters.");
            return null;
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(field, "URL must be an absolute http or https URL.");
            return null;
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add(field, "URL must not contain credentials or a fragment.");
            return null;
        }
        if (!allowPrivate && NamesRefusedHost(uri))
        {
            errors.Add(field, "URL must not point at a loopback, private, link-local, CGNAT or metadata address, or localhost.");
        }
        return uri;
    }

    private static bool NamesRefusedHost(Uri uri) => uri.HostNameType switch
    {
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => !IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) || !WebhookAddresses.IsPublic(address),
        _ => WebhookAddresses.IsLocalName(uri.IdnHost),
    };
}
