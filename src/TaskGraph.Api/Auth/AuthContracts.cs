using TaskGraph.Schema.Users;

namespace TaskGraph.Api.Auth;

public sealed record RegisterRequest(string? Username, string? Email, string? Password);

public sealed record LoginRequest(string? Username, string? Password)
{
    /// <summary>JSON, or form fields as OAuth2's password flow sends them (the docs page's Authorize button).</summary>
    public static async Task<LoginRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return new LoginRequest(form["username"], form["password"]);
        }
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send application/json or application/x-www-form-urlencoded.", StatusCodes.Status415UnsupportedMediaType);
        }
        return await request.ReadFromJsonAsync<LoginRequest>(cancellationToken)
            ?? throw new BadHttpRequestException("A JSON body is required.");
    }
}

/// <summary>OAuth2 token response (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

public sealed record UserResponse(int Id, string Username, string Email, Role Role, DateTime CreatedAt)
{
    public static UserResponse From(User user) => new(user.Id, user.Username, user.Email, user.Role, user.CreatedAt);
}
