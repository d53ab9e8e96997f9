namespace TaskGraph.Api.Configuration;

/// <summary>Bound from section <c>Admin</c> (ADMIN_USERNAME / ADMIN_PASSWORD).</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    public string? Username { get; set; }

    public string? Password { get; set; }
}
