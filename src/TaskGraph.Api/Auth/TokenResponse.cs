namespace TaskGraph.Api.Auth;

/// <summary>OAuth2 token response (RFC 6749 §5.1).</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
