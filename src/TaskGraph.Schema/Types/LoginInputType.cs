using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class LoginInputType : InputObjectGraphType
{
    public LoginInputType()
    {
        Name = "LoginInput";
        Description = "Credentials. A wrong username or password gives the same INVALID_CREDENTIALS error.";
        Field<NonNullGraphType<StringGraphType>>("username").Description("The username (case-insensitive).");
        Field<NonNullGraphType<StringGraphType>>("password").Description("The password.");
    }
}
