using System.Collections.Concurrent;

namespace TaskGraph.Core.Auth;

/// <summary>
/// Runs bcrypt on a few dedicated threads, never on the thread pool: a burst of logins then waits
/// in this queue while the pool stays free for the I/O continuations everything else needs (the
/// rate limiter's Redis call above all). .NET has no dedicated-thread scheduler, hence this class.
/// </summary>
internal sealed class PasswordWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;

    public PasswordWorkers(int threads)
    {
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"bcrypt-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on a worker; the caller awaits without holding a thread.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            // A caller that gave up while queued (client gone) costs no bcrypt.
            if (cancellationToken.IsCancellationRequested)
            {
                completion.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                completion.TrySetResult(work());
            }
            catch (Exception exception)
            {
                completion.TrySetException(exception);
            }
        }, CancellationToken.None);
        return completion.Task;
    }

    private void Work()
    {
        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
        _queue.Dispose();
    }
}
