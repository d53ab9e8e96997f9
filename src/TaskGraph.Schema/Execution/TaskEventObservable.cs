using TaskGraph.Core.Auth;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// The source stream of <c>taskChanged</c>: a hub subscription, started when the transport subscribes
/// (so an operation that is never subscribed holds nothing), and pumped into the executor at the pace
/// the transport sends (<see cref="SubscriptionFlow"/>).
/// </summary>
internal sealed class TaskEventObservable(TaskEventHub hub, Actor actor, Func<TaskItem, bool>? where, long? after, SubscriptionFlow? flow)
    : IObservable<object?>
{
    public IDisposable Subscribe(IObserver<object?> observer)
    {
        var subscription = hub.Subscribe(actor, where, after);
        var unsubscribed = new CancellationTokenSource();
        _ = PumpAsync(subscription, observer, unsubscribed.Token);
        return new Unsubscriber(subscription, unsubscribed);
    }

    private async Task PumpAsync(TaskEventSubscription subscription, IObserver<object?> observer, CancellationToken unsubscribed)
    {
        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(unsubscribed, subscription.Ended);
            await foreach (var change in subscription.ReadAllAsync(stop.Token))
            {
                if (flow is not null)
                {
                    await flow.WaitForRoomAsync(stop.Token);
                }
                observer.OnNext(change);
            }
        }
        catch (OperationCanceledException) when (unsubscribed.IsCancellationRequested)
        {
            return; // the transport let go: nobody to tell
        }
        catch (OperationCanceledException) when (subscription.EndReason is not null)
        {
            // the hub ended it: completed below, with the reason
        }
        catch (Exception exception)
        {
            // A replay read failed: the executor turns this into a masked error for the client, and logs it.
            observer.OnError(exception);
            return;
        }
        if (flow is not null)
        {
            flow.EndReason = subscription.EndReason;
        }
        observer.OnCompleted();
    }

    private sealed class Unsubscriber(TaskEventSubscription subscription, CancellationTokenSource unsubscribed) : IDisposable
    {
        public void Dispose()
        {
            unsubscribed.Cancel();
            subscription.Dispose();
        }
    }
}
