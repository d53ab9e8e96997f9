using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class CreateWebhookInputType : InputObjectGraphType
{
    public CreateWebhookInputType()
    {
        Name = "CreateWebhookInput";
        Description = "A new webhook for the caller's tasks.";
        Field<NonNullGraphType<StringGraphType>>("url").Description("An absolute http or https URL; loopback, private, link-local, CGNAT and metadata addresses are refused.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskEventTypeEnumType>>>>("events").Description("The event types to receive (at least one).");
        Field<StringGraphType>("description").Description("Up to 200 characters.");
    }
}
