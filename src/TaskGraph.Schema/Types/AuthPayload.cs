using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Types;

/// <summary>The result of <c>login</c>.</summary>
public sealed record AuthPayload(string AccessToken, string TokenType, int ExpiresIn, User User);
