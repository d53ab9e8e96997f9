namespace TaskGraph.Core.Auth;

public sealed record AccessToken(string Token, int ExpiresInSeconds);
