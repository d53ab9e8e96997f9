using Microsoft.IdentityModel.Tokens;

namespace TaskGraph.Core.Auth;

/// <summary>What a valid access token is: ours (key, issuer, audience), HS256, and unexpired within the configured skew.</summary>
public static class TokenValidation
{
    public static TokenValidationParameters Parameters(AuthOptions auth) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        IssuerSigningKey = TokenIssuer.CreateSigningKey(auth),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(auth.ClockSkewSeconds),
        NameClaimType = TokenClaims.Name,
        RoleClaimType = TokenClaims.Role,
    };
}
