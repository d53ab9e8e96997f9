using System.Globalization;
using System.Security.Claims;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Auth;

/// <summary>Who is asking: every task query and command is scoped by it.</summary>
public sealed record Actor(int UserId, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;

    /// <summary>The actor of an authenticated principal, or null for an anonymous one.</summary>
    public static Actor? FromPrincipal(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(TokenClaims.Subject)?.Value;
        if (principal.Identity?.IsAuthenticated != true
            || !int.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        var role = principal.IsInRole(TokenClaims.AdminRole) ? Role.Admin : Role.User;
        return new Actor(id, role);
    }
}
