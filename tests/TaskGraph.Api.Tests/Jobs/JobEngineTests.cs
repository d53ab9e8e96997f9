using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Jobs;

/// <summary>Hangfire on the app's database: durable, once per job across instances, retried.</summary>
public sealed class JobEngineTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_interrupted_by_a_restart_finishes_exactly_once_on_the_next_instance()
    {
        // The restarted instance owns the database; it starts only after the first one is gone.
        using var restarted = new TaskGraphFactory();
        var probe = ProbeJob.Create(ProbeBehaviour.HangUntilCancelled);
        string jobId;
        using (var first = new TaskGraphFactory())
        {
            first.Settings["Database:Url"] = restarted.Settings["Database:Url"];
            jobId = first.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.RunAsync(probe.Id, CancellationToken.None));
            await probe.FirstStarted.Task.WaitAsync(Patience);
        }
        Assert.Equal((1, 0), (probe.Started, probe.Finished));

        _ = restarted.Services;
        await probe.FirstFinished.Task.WaitAsync(Patience);
        await WaitForStateAsync(restarted, jobId, SucceededState.StateName);
        Assert.Equal((2, 1), (probe.Started, probe.Finished));
    }

    [Fact]
    public async Task Jobs_enqueued_on_two_instances_sharing_a_database_each_run_exactly_once()
    {
        using var one = new TaskGraphFactory();
        using var two = new TaskGraphFactory();
        two.Settings["Database:Url"] = one.Settings["Database:Url"];
        var clients = new[] { one, two }.Select(f => f.Services.GetRequiredService<IBackgroundJobClient>()).ToArray();
        var probes = Enumerable.Range(0, 40).Select(_ => ProbeJob.Create()).ToList();
        for (var i = 0; i < probes.Count; i++)
        {
            var id = probes[i].Id;
            clients[i % 2].Enqueue<ProbeJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        await Task.WhenAll(probes.Select(p => p.FirstFinished.Task)).WaitAsync(Patience);
        var monitoring = one.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        // Counted by class: the app's own recurring jobs (the reminder scan) succeed in the same storage.
        await Until(() => monitoring.SucceededJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(ProbeJob)) == probes.Count);
        Assert.All(probes, p => Assert.Equal((1, 1), (p.Started, p.Finished)));
        Assert.Equal(0, monitoring.GetStatistics().Failed);
    }

    [Fact]
    public async Task A_failing_job_is_scheduled_for_a_retry_with_backoff_and_then_succeeds()
    {
        using var factory = new TaskGraphFactory();
        var probe = ProbeJob.Create(ProbeBehaviour.Fail);
        var jobId = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.RunAsync(probe.Id, CancellationToken.None));

        var scheduled = await WaitForStateAsync(factory, jobId, ScheduledState.StateName);
        var enqueueAt = JobHelper.DeserializeDateTime(scheduled.Data["EnqueueAt"]);
        var scheduledAt = JobHelper.DeserializeDateTime(scheduled.Data["ScheduledAt"]);
        Assert.Contains("Retry attempt 1", scheduled.Reason, StringComparison.Ordinal);
        // Hangfire's backoff: at least 15 s before the first retry, longer for each later one.
        Assert.True(enqueueAt - scheduledAt >= TimeSpan.FromSeconds(15), $"Retry after {enqueueAt - scheduledAt}.");
        Assert.Equal((1, 0), (probe.Started, probe.Finished));

        // Brought forward so the test need not wait out the backoff: the retry runs and succeeds.
        factory.Services.GetRequiredService<IBackgroundJobClient>().Requeue(jobId);
        await probe.FirstFinished.Task.WaitAsync(Patience);
        await WaitForStateAsync(factory, jobId, SucceededState.StateName);
        Assert.Equal((2, 1), (probe.Started, probe.Finished));
    }

    private static async Task<Hangfire.Storage.StateData> WaitForStateAsync(TaskGraphFactory factory, string jobId, string state)
    {
        var storage = factory.Services.GetRequiredService<JobStorage>();
        Hangfire.Storage.StateData? current = null;
        await Until(() =>
        {
            using var connection = storage.GetConnection();
            current = connection.GetStateData(jobId);
            return current?.Name == state;
        });
        return current!;
    }

    private static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
