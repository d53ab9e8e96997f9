using TaskGraph.Core.Users;

namespace TaskGraph.Core.Auth;

/// <summary>Claim names and values in our tokens; mapped explicitly (no legacy inbound claim mapping).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";
    public const string Name = "unique_name";
    public const string Role = "role";
    public const string AdminRole = "admin";
    public const string UserRole = "user";

    public static string RoleValue(Role role) => role == Users.Role.Admin ? AdminRole : UserRole;
}
