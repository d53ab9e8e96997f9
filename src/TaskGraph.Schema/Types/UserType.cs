using GraphQL.Types;
using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Types;

public sealed class UserType : ObjectGraphType<User>
{
    public UserType()
    {
        Name = "User";
        Description = "A user account. Users see only themselves (as `me` and as the owner of their tasks); admins see everyone.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The user's id (the same number as in the REST API).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("username").Description("Unique, case-insensitively; 3-50 letters, digits, `_`, `.` or `-`.").Resolve(c => c.Source.Username);
        Field<NonNullGraphType<StringGraphType>>("email").Description("Unique email address.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<RoleType>>("role").Description("USER or ADMIN.").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When the account was created (UTC).").Resolve(c => c.Source.CreatedAt);
    }
}
