using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Auth;

public static class AuthExtensions
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddJwtAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, authOptions) =>
            {
                var auth = authOptions.Value;
                // Keep "sub" and "role" as issued; the legacy mapping renames them to long URIs.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = TokenValidation.Parameters(auth);
                bearer.Events = new JwtBearerEvents { OnTokenValidated = ApplyCurrentRoleAsync };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(TokenClaims.AdminRole));
        return services;
    }

    /// <summary>
    /// A token says who the user is; the database says what they may do now. A demoted admin loses
    /// admin rights at once, and a token of a user who no longer exists is rejected.
    /// </summary>
    private static async Task ApplyCurrentRoleAsync(TokenValidatedContext context)
    {
        var actor = context.Principal is { } principal ? Actor.FromPrincipal(principal) : null;
        var role = actor is null
            ? null
            : await context.HttpContext.RequestServices.GetRequiredService<UserAccounts>().FindRoleAsync(actor.UserId, context.HttpContext.RequestAborted);
        if (role is null)
        {
            context.Fail("The token's user does not exist.");
            return;
        }
        if (role != actor!.Role)
        {
            var identity = new ClaimsIdentity(
                context.Principal!.Claims.Where(c => c.Type != TokenClaims.Role).Append(new Claim(TokenClaims.Role, TokenClaims.RoleValue(role.Value))),
                JwtBearerDefaults.AuthenticationScheme,
                TokenClaims.Name,
                TokenClaims.Role);
            context.Principal = new ClaimsPrincipal(identity);
        }
    }

    /// <summary>The authenticated caller; endpoints that call this require authorization, so it is never anonymous.</summary>
    public static Actor RequireActor(this ClaimsPrincipal user) =>
        Actor.FromPrincipal(user) ?? throw new InvalidOperationException("Endpoint requires an authenticated user.");
}
