using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Auth;

/// <summary>Issues HS256 access tokens that the JwtBearer handler validates (same key, issuer, audience).</summary>
public sealed class TokenIssuer(IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public AccessToken Issue(User user)
    {
        var auth = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(auth.AccessTokenMinutes);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(TokenClaims.Name, user.Username),
                new Claim(TokenClaims.Role, TokenClaims.RoleValue(user.Role)),
            ]),
            SigningCredentials = new SigningCredentials(CreateSigningKey(auth), SecurityAlgorithms.HmacSha256),
        };
        return new AccessToken(Handler.CreateToken(descriptor), (int)lifetime.TotalSeconds);
    }

    public static SymmetricSecurityKey CreateSigningKey(AuthOptions auth) => new(auth.SigningKeyBytes);
}
