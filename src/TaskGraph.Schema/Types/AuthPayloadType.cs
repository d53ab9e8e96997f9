using GraphQL.Types;

namespace TaskGraph.Schema.Types;

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
