using GraphQL.Types;
using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Types;

public sealed class RoleType : EnumerationGraphType
{
    public RoleType()
    {
        Name = "Role";
        Description = "What a user may do: USER sees and changes only their own tasks; ADMIN sees and changes all tasks and users' roles.";
        Add("USER", Role.User, "A regular user (every registration).");
        Add("ADMIN", Role.Admin, "An administrator.");
    }
}
