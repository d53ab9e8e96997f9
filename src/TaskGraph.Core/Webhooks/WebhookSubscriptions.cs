using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;

namespace TaskGraph.Core.Webhooks;

/// <summary>A user's webhooks and their deliveries log, for REST and GraphQL alike. Users see and change only their own.</summary>
public sealed class WebhookSubscriptions(TaskGraphDbContext db, TaskEventLog events, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider time)
{
    public const int MaxDescriptionLength = 200;

    /// <summary>Creates a webhook; its secret is returned here only, and stored encrypted.</summary>
    public async Task<(Webhook Webhook, string Secret)> CreateAsync(Actor actor, string? url, IReadOnlyList<string?>? eventTypes, string? description, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var uri = WebhookUrls.Validate(url, options.Value.AllowPrivate, errors);
        var types = ValidateEvents(eventTypes, errors);
        description = description?.Trim();
        if (description is { Length: > MaxDescriptionLength } || (description is not null && !TextRules.IsSingleLine(description)))
        {
            errors.Add("description", $"Description must be one line of at most {MaxDescriptionLength} characters.");
        }
        errors.ThrowIfAny();
        var limit = options.Value.MaxPerUser;
        if (await db.Webhooks.CountAsync(w => w.OwnerId == actor.UserId, cancellationToken) >= limit)
        {
            throw DomainException.Invalid("url", $"A user may have at most {limit} webhooks; delete one first.");
        }

        var secret = WebhookSecrets.Generate();
        var webhook = new Webhook
        {
            OwnerId = actor.UserId,
            Url = uri!.AbsoluteUri,
            Events = string.Join(',', types),
            Description = string.IsNullOrEmpty(description) ? null : description,
            ProtectedSecret = secrets.Protect(secret),
            StartsAfterEventId = await events.LatestIdAsync(cancellationToken),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Webhooks.Add(webhook);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(webhook).State = EntityState.Detached;
        return (webhook, secret);
    }

    public async Task<List<Webhook>> ListAsync(Actor actor, CancellationToken cancellationToken) =>
        await db.Webhooks.AsNoTracking().Where(w => w.OwnerId == actor.UserId).OrderBy(w => w.Id).ToListAsync(cancellationToken);

    /// <summary>Deletes a webhook and its log; deliveries already queued find it gone and stop.</summary>
    public async Task DeleteAsync(Actor actor, int id, CancellationToken cancellationToken)
    {
        if (await db.Webhooks.Where(w => w.Id == id && w.OwnerId == actor.UserId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw DomainException.NotFound("Webhook", id);
        }
    }

    /// <summary>The webhook's attempts, newest first.</summary>
    public async Task<Page<WebhookDelivery>> DeliveriesAsync(Actor actor, int id, int skip, int limit, CancellationToken cancellationToken)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id && w.OwnerId == actor.UserId, cancellationToken))
        {
            throw DomainException.NotFound("Webhook", id);
        }
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id);
        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.OrderByDescending(d => d.Id).Skip(skip).Take(limit).ToListAsync(cancellationToken);
        return new Page<WebhookDelivery>(items, total, skip, limit);
    }

    private static List<string> ValidateEvents(IReadOnlyList<string?>? eventTypes, ValidationErrors errors)
    {
        var known = Enum.GetValues<TaskEventType>().Select(t => t.ToName()).ToList();
        if (eventTypes is null || eventTypes.Count == 0)
        {
            errors.Add("events", $"Events must list at least one of: {string.Join(", ", known)}.");
            return [];
        }
        if (eventTypes.Any(t => t is null || !known.Contains(t)))
        {
            errors.Add("events", $"Unknown event type; use any of: {string.Join(", ", known)}.");
            return [];
        }
        // In the log's order, once each: what GET shows does not depend on how the request spelled it.
        return [.. known.Where(eventTypes.Contains)];
    }
}
