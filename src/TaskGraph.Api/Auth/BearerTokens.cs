using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Auth;

/// <summary>
/// Authenticates a bearer token that arrives outside an Authorization header (a WebSocket's
/// connection_init payload) exactly as the JWT bearer handler does: its token handlers and
/// validation parameters, then the user's current role.
/// </summary>
public sealed class BearerTokens(IOptionsMonitor<JwtBearerOptions> bearerOptions, IServiceScopeFactory scopes)
{
    private const string Scheme = "Bearer ";

    /// <summary>
    /// The caller with their current role, a principal to match, and when the token expires; null for a
    /// missing, malformed, invalid or expired token, or a user who no longer exists.
    /// </summary>
    public async Task<(Actor Actor, ClaimsPrincipal Principal, DateTime ExpiresAt)?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = authorization[Scheme.Length..].Trim();
        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
            if (!result.IsValid)
            {
                continue;
            }
            var principal = new ClaimsPrincipal(result.ClaimsIdentity);
            if (Actor.FromPrincipal(principal) is not { } claimed)
            {
                continue;
            }
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<UserAccounts>().FindActorAsync(claimed.UserId, cancellationToken) is { } actor
                ? (actor, CurrentRole.Apply(principal, actor.Role), result.SecurityToken.ValidTo)
                : null;
        }
        return null;
    }
}
