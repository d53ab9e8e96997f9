using GraphQL.Types;

namespace TaskGraph.Schema.GraphQL.Types;

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

public sealed class CreateTaskInputType : InputObjectGraphType
{
    public CreateTaskInputType()
    {
        Name = "CreateTaskInput";
        Description = "A new task, owned by the caller.";
        Field<NonNullGraphType<StringGraphType>>("title").Description("1-200 characters; surrounding spaces are trimmed.");
        Field<StringGraphType>("description").Description("Up to 2000 characters.");
        Field<BooleanGraphType>("completed").Description("Defaults to false.");
        Field<PriorityType>("priority").Description("Defaults to MEDIUM.");
        Field<DateTimeGraphType>("dueDate").Description("ISO-8601 with an offset, e.g. `2026-12-01T17:00:00Z`.");
    }
}

public sealed class UpdateTaskInputType : InputObjectGraphType
{
    public UpdateTaskInputType()
    {
        Name = "UpdateTaskInput";
        Description = "Changes to a task: fields left out stay unchanged; `description` and `dueDate` sent as null are cleared.";
        Field<StringGraphType>("title").Description("1-200 characters; cannot be null.");
        Field<StringGraphType>("description").Description("Up to 2000 characters; null clears it.");
        Field<BooleanGraphType>("completed").Description("Done or not; cannot be null.");
        Field<PriorityType>("priority").Description("Cannot be null.");
        Field<DateTimeGraphType>("dueDate").Description("Null clears it.");
        Field<IntGraphType>("expectedVersion").Description("The task's `version` you last read: if it has changed since, nothing is written and the error is CONFLICT.");
    }
}
