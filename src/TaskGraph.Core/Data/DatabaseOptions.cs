using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Core.Data;

/// <summary>Bound from section <c>Database</c>; <c>DATABASE_URL</c> maps to <c>Database:Url</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string SectionName = "Database";

    /// <summary>
    /// PostgreSQL (<c>postgres://…</c> URL or <c>Host=…</c> keywords) or SQLite (<c>Data Source=…</c>
    /// or a bare file path); see <see cref="DatabaseConnection"/>.
    /// </summary>
    [Required]
    public string Url { get; set; } = "Data Source=taskgraph.db";

    /// <summary>How long a writer waits for SQLite's write lock before failing.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 10_000;

    /// <summary>How long opening a PostgreSQL connection may take, unless DATABASE_URL says otherwise.</summary>
    [Range(1, 300)]
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>The parsed <see cref="Url"/>; only valid once the options have passed validation (a method, so the validator never calls it).</summary>
    public DatabaseConnection ParseConnection() => DatabaseConnection.Parse(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Checked at start-up, so an unusable DATABASE_URL stops the app with this message instead of failing the first query.
        if (!string.IsNullOrWhiteSpace(Url) && !DatabaseConnection.TryParse(Url, out _, out var error))
        {
            yield return new ValidationResult(error, [nameof(Url)]);
        }
    }
}
