using System.Globalization;
using System.Security.Claims;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Auth;

/// <summary>Who is asking: every task query and command is scoped by it.</summary>
public sealed record Actor(int UserId, Role Role)
{
    public bool IsAdmin => Role == Role.Admin;

    /// <summary>
    /// The actor a token's claims name, or null for an anonymous principal. Its role is the one at
    /// issue time: a request's caller, with the current role, is <see cref="CurrentActor"/>.
    /// </summary>
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
