using GraphQL.Types;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Schema.Types;

public sealed class WebhookType : ObjectGraphType<Webhook>
{
    public WebhookType()
    {
        Name = "Webhook";
        Description = "An HTTP endpoint that receives your tasks' events, signed per Standard Webhooks. Its secret is shown only by `createWebhook`.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The webhook's id (the same number as in the REST API).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where deliveries are POSTed.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TaskEventTypeEnumType>>>>("events").Description("The event types it receives.").Resolve(c => c.Source.EventTypes);
        Field<StringGraphType>("description").Description("Your note; null when absent.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("False once deliveries stopped for good (the receiver answered 410 Gone).").Resolve(c => c.Source.Active);
        Field<StringGraphType>("disabledReason").Description("Why it was disabled; null while active.").Resolve(c => c.Source.DisabledReason);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Description("When it was created (UTC); it receives events from then on.").Resolve(c => c.Source.CreatedAt);
    }
}
