using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class CreatedWebhookType : ObjectGraphType<CreatedWebhook>
{
    public CreatedWebhookType()
    {
        Name = "CreatedWebhook";
        Description = "A new webhook and its signing secret.";
        Field<NonNullGraphType<WebhookType>>("webhook").Description("The webhook.").Resolve(c => c.Source.Webhook);
        Field<NonNullGraphType<StringGraphType>>("secret").Description("The signing secret (`whsec_…`): shown only here, keep it to verify deliveries.").Resolve(c => c.Source.Secret);
    }
}
