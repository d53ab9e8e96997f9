namespace TaskGraph.Api.Auth;

public sealed record RegisterRequest(string? Username, string? Email, string? Password);
