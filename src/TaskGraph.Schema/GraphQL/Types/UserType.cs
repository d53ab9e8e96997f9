using GraphQL.Types;
using TaskGraph.Schema.Users;

namespace TaskGraph.Schema.GraphQL.Types;

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

public sealed class AuthPayloadType : ObjectGraphType<AuthPayload>
{
    public AuthPayloadType()
    {
        Name = "AuthPayload";
        Description = "A bearer token for the `Authorization: Bearer <accessToken>` header, and whom it is for.";
        Field<NonNullGraphType<StringGraphType>>("accessToken").Description("The JWT.").Resolve(c => c.Source.AccessToken);
        Field<NonNullGraphType<StringGraphType>>("tokenType").Description("Always `bearer`.").Resolve(c => c.Source.TokenType);
        Field<NonNullGraphType<IntGraphType>>("expiresIn").Description("Seconds until the token expires.").Resolve(c => c.Source.ExpiresIn);
        Field<NonNullGraphType<UserType>>("user").Description("The user who logged in.").Resolve(c => c.Source.User);
    }
}

/// <summary>The result of <c>login</c>.</summary>
public sealed record AuthPayload(string AccessToken, string TokenType, int ExpiresIn, User User);
