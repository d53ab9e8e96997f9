namespace TaskGraph.Core.Users;

public sealed class User
{
    public int Id { get; set; }

    public required string Username { get; set; }

    /// <summary>Lower-cased username: uniqueness and login are case-insensitive on every provider.</summary>
    public required string NormalizedUsername { get; set; }

    public required string Email { get; set; }

    public required string NormalizedEmail { get; set; }

    public required string PasswordHash { get; set; }

    public Role Role { get; set; }

    public DateTime CreatedAt { get; set; }
}
