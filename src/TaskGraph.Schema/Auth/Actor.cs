using System.Globalization;
using System.Security.Claims;
using TaskGraph.Schema.Users;

namespace TaskGraph.Schema.Auth;

/// <summary>Who is asking: every task query and command is scoped by it.</summary>
public sealed record Actor(int UserId, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;

    /// <summary>The actor of an authenticated principal, or null for an anonymous one.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue(TokenClaims.Subject);
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var role = principal.IsInRole(TokenClaims.AdminRole) ? Role.Admin : Role.User;
        return new Actor(id, role);
    }
}

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
