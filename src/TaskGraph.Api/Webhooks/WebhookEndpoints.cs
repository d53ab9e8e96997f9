using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Api.Http;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>/v1/webhooks: a user's webhooks and their deliveries log. Everyone sees and changes only their own.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/v1/webhooks")
            .WithTags("Webhooks")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        webhooks.MapPost("", async Task<Created<CreatedWebhookResponse>> (CreateWebhookRequest request, Actor actor, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            {
                var (webhook, secret) = await subscriptions.CreateAsync(actor, request.Url, request.Events, request.Description, cancellationToken);
                return TypedResults.Created($"/v1/webhooks/{webhook.Id}", CreatedWebhookResponse.From(webhook, secret));
            })
            .WithName("createWebhook")
            .WithSummary("Create a webhook for your tasks' events")
            .WithDescription("The answer holds the signing secret (whsec_…); it is never shown again. Deliveries follow Standard Webhooks.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        webhooks.MapGet("", async Task<Ok<IReadOnlyList<WebhookResponse>>> (Actor actor, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
                TypedResults.Ok<IReadOnlyList<WebhookResponse>>([.. (await subscriptions.ListAsync(actor, cancellationToken)).Select(WebhookResponse.From)]))
            .WithName("listWebhooks")
            .WithSummary("List your webhooks");

        webhooks.MapDelete("/{id:int}", async Task<NoContent> (int id, Actor actor, WebhookSubscriptions subscriptions, CancellationToken cancellationToken) =>
            {
                await subscriptions.DeleteAsync(actor, id, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithName("deleteWebhook")
            .WithSummary("Delete a webhook and its deliveries log")
            .ProducesProblem(StatusCodes.Status404NotFound);

        webhooks.MapGet("/{id:int}/deliveries", async Task<Ok<IReadOnlyList<WebhookDeliveryResponse>>> (int id, string? skip, string? limit, Actor actor, WebhookSubscriptions subscriptions, HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var (skipValue, limitValue) = PagingHeaders.ParsePaging(skip, limit, errors);
                errors.ThrowIfAny();
                var page = await subscriptions.DeliveriesAsync(actor, id, skipValue, limitValue, cancellationToken);
                PagingHeaders.Write(http, page, []);
                return TypedResults.Ok<IReadOnlyList<WebhookDeliveryResponse>>([.. page.Items.Select(WebhookDeliveryResponse.From)]);
            })
            .WithName("listWebhookDeliveries")
            .WithSummary("A webhook's delivery attempts, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
