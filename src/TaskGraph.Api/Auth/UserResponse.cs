using TaskGraph.Core.Users;

namespace TaskGraph.Api.Auth;

public sealed record UserResponse(int Id, string Username, string Email, Role Role, DateTime CreatedAt)
{
    public static UserResponse From(User user) => new(user.Id, user.Username, user.Email, user.Role, user.CreatedAt);
}
