using MailKit.Security;

namespace TaskGraph.Core.Reminders;

/// <summary>An SMTP server from <c>SMTP_URL</c>. The password is never part of <see cref="ToString"/>, so logging one is safe.</summary>
public sealed record SmtpEndpoint(string Host, int Port, SecureSocketOptions Security, string? UserName, string? Password)
{
    public static SmtpEndpoint Parse(string url) =>
        TryParse(url, out var endpoint, out var problem) ? endpoint : throw new FormatException(problem);

    /// <summary>What is wrong with <paramref name="url"/>, or null when it is usable; never quotes the value.</summary>
    public static string? Check(string url) => TryParse(url, out _, out var problem) ? null : problem;

    public override string ToString() => $"{Host}:{Port} ({Security}{(UserName is null ? "" : ", authenticated")})";

    private static bool TryParse(string url, out SmtpEndpoint endpoint, out string problem)
    {
        endpoint = null!;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || string.IsNullOrEmpty(uri.Host))
        {
            problem = "expected smtp://[user[:password]@]host[:port][?tls=auto|starttls|none] or smtps://[user[:password]@]host[:port].";
            return false;
        }
        if (uri.AbsolutePath is not ("" or "/") || uri.Fragment.Length > 0)
        {
            problem = "it may not have a path or a fragment.";
            return false;
        }
        var implicitTls = uri.Scheme == "smtps";
        var security = implicitTls ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var at and >= 0 ? (pair[..at], Uri.UnescapeDataString(pair[(at + 1)..])) : (pair, "");
            if (name != "tls" || implicitTls)
            {
                problem = implicitTls ? "smtps:// takes no query parameters (TLS is always on)." : $"unknown query parameter '{name}' (only tls=auto|starttls|none).";
                return false;
            }
            switch (value)
            {
                case "auto": security = SecureSocketOptions.StartTlsWhenAvailable; break;
                case "starttls": security = SecureSocketOptions.StartTls; break;
                case "none": security = SecureSocketOptions.None; break;
                default:
                    problem = "tls must be auto, starttls or none.";
                    return false;
            }
        }
        string? userName = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            userName = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var port = uri.IsDefaultPort ? (implicitTls ? 465 : 25) : uri.Port;
        endpoint = new SmtpEndpoint(uri.IdnHost, port, security, userName, password);
        problem = "";
        return true;
    }
}
