using System.Globalization;
using StackExchange.Redis;

namespace TaskGraph.Api.Redis;

/// <summary>
/// REDIS_URL as the original service took it (<c>redis://[:password@]host:port[/db]</c>, or
/// <c>rediss://</c> for TLS) or any StackExchange.Redis configuration string.
/// </summary>
public static class RedisConnectionString
{
    private const int DefaultPort = 6379;

    public static ConfigurationOptions Parse(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!url.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationOptions.Parse(url);
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("REDIS_URL is not a valid redis:// URL.");
        }
        var options = new ConfigurationOptions { Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase) };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
        if (uri.UserInfo.Length > 0)
        {
            // redis://:password@host (no user) or redis://user:password@host (Redis 6 ACL user).
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = separator < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[..separator]);
            var password = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[(separator + 1)..]);
            options.User = string.IsNullOrEmpty(user) ? null : user;
            options.Password = password;
        }
        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var database))
            {
                throw new FormatException("The path of REDIS_URL must be a database number, e.g. redis://localhost:6379/0.");
            }
            options.DefaultDatabase = database;
        }
        return options;
    }
}
