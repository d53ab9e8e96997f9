using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Schema.Data;

/// <summary>Bound from section <c>Database</c>; <c>DATABASE_URL</c> maps to <c>Database:Url</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>A SQLite connection string (<c>Data Source=…</c>) or a bare file path.</summary>
    [Required]
    public string Url { get; set; } = "Data Source=taskgraph.db";

    /// <summary>How long a writer waits for SQLite's write lock before failing.</summary>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 10_000;
}
