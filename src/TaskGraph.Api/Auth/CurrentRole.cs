using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Auth;

/// <summary>Brings a token's role claim in line with the role the database holds now, for role policies and GraphQL's role rules.</summary>
internal static class CurrentRole
{
    public static ClaimsPrincipal Apply(ClaimsPrincipal principal, Role role)
    {
        if (Actor.FromPrincipal(principal)?.Role == role)
        {
            return principal;
        }
        var identity = new ClaimsIdentity(
            principal.Claims.Where(c => c.Type != TokenClaims.Role).Append(new Claim(TokenClaims.Role, TokenClaims.RoleValue(role))),
            JwtBearerDefaults.AuthenticationScheme,
            TokenClaims.Name,
            TokenClaims.Role);
        return new ClaimsPrincipal(identity);
    }
}
