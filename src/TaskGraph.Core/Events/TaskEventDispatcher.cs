using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Users;

namespace TaskGraph.Core.Events;

/// <summary>
/// Follows the event log on this instance and hands new events to the <see cref="TaskEventHub"/>.
/// The log is the source of truth: a wake-up (this instance's commits, other instances' through
/// Redis) only says "read now", and a periodic read catches whatever a lost wake-up missed. One
/// query per batch per instance, however many subscribers there are.
/// </summary>
public sealed class TaskEventDispatcher(
    IServiceScopeFactory scopes, TaskEventHub hub, TaskEventSignal signal, IOptions<TaskEventOptions> options, ILogger<TaskEventDispatcher> logger)
    : EventLogFollower(signal, logger)
{
    /// <summary>Positions the hub at the newest event before the server takes requests, so no subscriber starts before the log's end is known.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            hub.Start(await scope.ServiceProvider.GetRequiredService<TaskEventLog>().LatestIdAsync(cancellationToken));
        }
        await base.StartAsync(cancellationToken);
    }

    protected override TimeSpan PollInterval => TimeSpan.FromMilliseconds(options.Value.PollIntervalMilliseconds);

    protected override string Name => "subscriptions";

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var events = await services.GetRequiredService<TaskEventLog>().ReadAfterAsync(hub.Position, batchSize, cancellationToken);
            if (events.Count == 0)
            {
                return;
            }
            var subscribers = hub.SubscriberIds();
            var roles = subscribers.Count == 0
                ? new Dictionary<int, Role?>()
                : await services.GetRequiredService<UserAccounts>().FindRolesAsync(subscribers, cancellationToken);
            hub.Publish(events, roles);
            if (events.Count < batchSize)
            {
                return;
            }
        }
    }
}
