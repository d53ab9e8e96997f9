namespace TaskGraph.Core.Users;

/// <summary>A user's role: <c>user</c> sees only their own tasks, <c>admin</c> sees and manages everything.</summary>
public enum Role
{
    User = 0,
    Admin = 1,
}
