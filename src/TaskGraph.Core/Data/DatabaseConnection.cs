using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TaskGraph.Core.Data;

/// <summary>
/// DATABASE_URL in any of the forms the contract accepts, resolved to a provider and the connection
/// string its ADO.NET driver takes:
/// <c>postgres://user:pass@host:port/db?sslmode=require</c> (or <c>postgresql://</c>), an Npgsql
/// keyword string (<c>Host=…;Database=…</c>), a SQLite string (<c>Data Source=…</c>) or a bare file path.
/// </summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    private const int DefaultPostgresPort = 5432;

    /// <summary>libpq query parameters (as Heroku, Render, Supabase… hand them out) and their Npgsql keywords.</summary>
    private static readonly Dictionary<string, string> LibpqParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["search_path"] = "Search Path",
    };

    /// <summary>Keywords that make a keyword string a PostgreSQL one; SQLite has none of them.</summary>
    private static readonly string[] PostgresKeywords = ["host", "server"];

    private static readonly string[] SqliteKeywords = ["data source", "datasource", "filename"];

    /// <summary>Parses DATABASE_URL; <see cref="FormatException"/> with a message for people (never the URL: it may hold a password).</summary>
    public static DatabaseConnection Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        if (url.Length == 0)
        {
            throw new FormatException("DATABASE_URL is empty.");
        }
        if (url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseConnection(DatabaseProvider.Postgres, FromPostgresUrl(url));
        }
        if (url.Contains("://", StringComparison.Ordinal))
        {
            throw new FormatException("DATABASE_URL has an unsupported scheme: use postgres:// or postgresql://, a connection string or a SQLite file path.");
        }
        if (!url.Contains('=', StringComparison.Ordinal))
        {
            // A bare path is accepted for convenience: DATABASE_URL=/data/taskgraph.db.
            return new DatabaseConnection(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = url, Pooling = true }.ToString());
        }
        return FromKeywords(url);
    }

    public static bool TryParse(string? url, out DatabaseConnection? connection, out string? error)
    {
        connection = null;
        error = null;
        try
        {
            connection = Parse(url ?? string.Empty);
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Where the database is, for logs: host, port and database, or the SQLite file; never credentials.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Postgres => DescribePostgres(new NpgsqlConnectionStringBuilder(ConnectionString)),
        _ => $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
    };

    private static string DescribePostgres(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";

    private static DatabaseConnection FromKeywords(string url)
    {
        DbConnectionStringBuilder keywords;
        try
        {
            keywords = new DbConnectionStringBuilder { ConnectionString = url };
        }
        catch (ArgumentException)
        {
            throw new FormatException("DATABASE_URL is not a valid connection string (expected Key=Value pairs separated by ';').");
        }
        var keys = keywords.Keys.Cast<string>().ToList();
        if (keys.Any(key => PostgresKeywords.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            try
            {
                return new DatabaseConnection(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(url).ConnectionString);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException($"DATABASE_URL is not a valid PostgreSQL connection string: {KeywordError(e)}");
            }
        }
        if (keys.Any(key => SqliteKeywords.Contains(key, StringComparer.OrdinalIgnoreCase)))
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(url) { Pooling = true };
                return new DatabaseConnection(DatabaseProvider.Sqlite, builder.ToString());
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"DATABASE_URL is not a valid SQLite connection string: {KeywordError(e)}");
            }
        }
        throw new FormatException("DATABASE_URL is a connection string for neither PostgreSQL (Host=…) nor SQLite (Data Source=…).");
    }

    /// <summary>The driver's complaint names the keyword; values (a password, say) are left out.</summary>
    private static string KeywordError(Exception e) =>
        e is ArgumentException { ParamName: { Length: > 0 } name } && !name.Equals("connectionString", StringComparison.OrdinalIgnoreCase)
            ? $"bad value or unknown keyword '{name}'."
            : "an unknown keyword or a bad value.";

    private static string FromPostgresUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException("DATABASE_URL is not a valid postgres:// URL (expected postgres://user:password@host:port/database).");
        }
        var builder = new NpgsqlConnectionStringBuilder
        {
            // Uri keeps the brackets of an IPv6 literal; Npgsql wants the bare address.
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPostgresPort : uri.Port,
        };
        if (uri.UserInfo.Length > 0)
        {
            var separator = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(separator < 0 ? uri.UserInfo : uri.UserInfo[..separator]);
            if (separator >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(separator + 1)..]);
            }
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }
        foreach (var (name, value) in QueryParameters(uri.Query))
        {
            try
            {
                if (name.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
                {
                    builder.SslMode = SslMode(value);
                }
                else
                {
                    // libpq names first; anything else may be an Npgsql keyword (?Maximum Pool Size=50).
                    builder[LibpqParameters.GetValueOrDefault(name, name)] = value;
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new FormatException($"DATABASE_URL has an unsupported or invalid query parameter '{name}'.");
            }
        }
        return builder.ConnectionString;
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((separator < 0 ? pair : pair[..separator]).Replace('+', ' '));
            var value = separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..].Replace('+', ' '));
            yield return (name, value);
        }
    }

    /// <summary>libpq spells the modes verify-ca / verify-full; Npgsql's enum has no hyphens.</summary>
    private static SslMode SslMode(string value) => value.ToLowerInvariant() switch
    {
        "disable" => Npgsql.SslMode.Disable,
        "allow" => Npgsql.SslMode.Allow,
        "prefer" => Npgsql.SslMode.Prefer,
        "require" => Npgsql.SslMode.Require,
        "verify-ca" or "verifyca" => Npgsql.SslMode.VerifyCA,
        "verify-full" or "verifyfull" => Npgsql.SslMode.VerifyFull,
        _ => throw new FormatException(value),
    };

    public override string ToString() => Describe();
}
