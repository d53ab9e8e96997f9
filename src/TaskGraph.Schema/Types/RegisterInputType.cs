using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class RegisterInputType : InputObjectGraphType
{
    public RegisterInputType()
    {
        Name = "RegisterInput";
        Description = "A new account. It always gets role USER.";
        Field<NonNullGraphType<StringGraphType>>("username").Description("3-50 letters, digits, `_`, `.` or `-`; unique case-insensitively.");
        Field<NonNullGraphType<StringGraphType>>("email").Description("A valid, unique email address.");
        Field<NonNullGraphType<StringGraphType>>("password").Description("8 characters to 72 UTF-8 bytes (bcrypt's limit; longer is rejected, never truncated).");
    }
}
