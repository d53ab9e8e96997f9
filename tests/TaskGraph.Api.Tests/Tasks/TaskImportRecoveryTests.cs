using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tasks.Transfer;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Jobs;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Import;
using static TaskGraph.Api.Tests.Tasks.TaskImportTests;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>Imports the job engine cannot finish (every retry fails, deleted, the upload died) and imports a restart interrupts.</summary>
public sealed class TaskImportRecoveryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task An_import_whose_last_retry_fails_or_that_an_admin_deletes_ends_failed_with_a_job_error_and_no_rows_left()
    {
        using var app = new TaskGraphFactory();
        app.Settings["Jobs:RetryAttempts"] = "1";
        var (client, _) = await app.CreateUserClientAsync();
        // Every run of these imports fails: they cannot write their tasks.
        app.Database.DropTasksTable();
        var hangfire = app.Services.GetRequiredService<IBackgroundJobClient>();
        var failing = await StartAsync(client, [new { title = "a" }, new { title = "b" }]);

        // The first failure is retried later; meanwhile the job is still running.
        var retry = await ScheduledRetryAsync(app, failing);
        Assert.Equal("running", (await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{failing}"))!.Status);
        hangfire.Requeue(retry); // brought forward instead of waiting out the backoff; it fails again, for the last time

        var failed = await WaitForJobAsync(client, failing);
        Assert.Equal(("failed", 0, 2), (failed.Status, failed.Progress.Done, failed.Progress.Total));
        Assert.NotNull(failed.FinishedAt);
        Assert.Equal([new JobErrorDto(0, JobError.WholeJob, ImportFailureFilter.FailedMessage)], failed.Errors);
        Assert.Equal(0, await ImportRowsAsync(app, failing));

        var deleting = await StartAsync(client, [new { title = "c" }]);
        hangfire.Delete(await ScheduledRetryAsync(app, deleting)); // what the dashboard's Delete does

        var deleted = await WaitForJobAsync(client, deleting);
        Assert.Equal(("failed", 1), (deleted.Status, deleted.Progress.Total));
        Assert.Equal([new JobErrorDto(0, JobError.WholeJob, ImportFailureFilter.DeletedMessage)], deleted.Errors);
        Assert.Equal(0, await ImportRowsAsync(app, deleting));
    }

    [Fact]
    public async Task An_upload_whose_client_disconnects_midway_leaves_no_job_and_no_rows()
    {
        using var app = new TaskGraphFactory().WithKestrel();
        var (signedIn, user) = await app.CreateUserClientAsync();
        // A plain client: the factory's own buffers a request body whole before sending it (to replay it on redirects).
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        var disconnect = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new RowsThenDisconnect(TaskImports.ChunkSize * 3, disconnect.Task);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var upload = client.PostAsync("/v1/tasks/import", body);
        // The first chunk is spooled (the job exists) before the client goes away.
        await Until(async () => await ImportRowsOfAsync(app, user.Id) >= TaskImports.ChunkSize);
        disconnect.SetResult();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => upload);

        await Until(async () => await JobsOfAsync(app, user.Id) == 0);
        Assert.Equal(0, await ImportRowsOfAsync(app, user.Id));
    }

    [Fact]
    public async Task The_hourly_cleanup_deletes_uploads_that_died_midway_once_a_day_old_and_enqueues_stalled_ones_again()
    {
        var enqueued = new RecordedImports();
        using var app = new TaskGraphFactory { OverrideServices = services => services.AddScoped<ITaskImportJobs>(_ => enqueued) };
        var (_, user) = await app.CreateUserClientAsync();
        // What an instance that died while reading an upload leaves behind: a queued job without a total, and the rows spooled so far.
        var dead = await SpoolAsync(app, user.Id, age: UnfinishedImports.AbandonedUploadAge + TimeSpan.FromMinutes(5), total: 0);
        var uploading = await SpoolAsync(app, user.Id, age: TimeSpan.FromMinutes(5), total: 0);
        // A complete upload whose job was never handed to the engine (the instance died in between), and one just queued.
        var stalled = await SpoolAsync(app, user.Id, age: UnfinishedImports.StalledQueueAge + TimeSpan.FromMinutes(5), total: 3);
        var waiting = await SpoolAsync(app, user.Id, age: TimeSpan.FromMinutes(5), total: 3);

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(ImportCleanupSchedule.RecurringJobId);

        await Until(async () => !await JobExistsAsync(app, dead));
        Assert.Equal(0, await ImportRowsAsync(app, dead));
        Assert.True(await JobExistsAsync(app, uploading), "An upload still arriving is left alone.");
        await Until(() => Task.FromResult(enqueued.Jobs.Contains(stalled)));
        Assert.Equal([stalled], enqueued.Jobs);
        Assert.Equal(9, await ImportRowsAsync(app, uploading) + await ImportRowsAsync(app, stalled) + await ImportRowsAsync(app, waiting));
    }

    [Fact]
    public async Task An_import_interrupted_by_stopping_its_host_is_finished_by_the_next_host_with_each_row_imported_once()
    {
        // The restarted host owns the database and the job storage; it starts only after the first one is gone.
        using var restarted = new TaskGraphFactory();
        var hold = new HoldAfterFirstChunk();
        var rows = Enumerable.Range(1, TaskImports.ChunkSize * 2 + 10).Select(i => new { title = $"row {i}" }).ToArray();
        HttpClient client;
        string jobId;
        UserDto user;
        using (var first = new TaskGraphFactory { OverrideServices = services => services.AddSingleton<ITaskChangeListener>(hold) })
        {
            first.Settings["Database:Url"] = restarted.Settings["Database:Url"];
            (client, user) = await first.CreateUserClientAsync();
            jobId = await StartAsync(client, rows);
            await hold.FirstChunkCommitted.Task.WaitAsync(Patience);
            var halfway = await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{jobId}");
            Assert.Equal(("running", TaskImports.ChunkSize), (halfway!.Status, halfway.Progress.Done));
        }
        Assert.True(hold.Cancelled, "Stopping the host cancelled the running import.");

        var next = restarted.CreateClientLike(client);
        var done = await WaitForJobAsync(next, jobId);

        Assert.Equal(("succeeded", rows.Length, rows.Length), (done.Status, done.Progress.Done, done.Progress.Total));
        Assert.Empty(done.Errors);
        await using var scope = restarted.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        var titles = await db.Tasks.Where(t => t.OwnerId == user.Id).Select(t => t.Title).ToListAsync();
        Assert.Equal(rows.Select(r => r.title).Order(), titles.Order());
        Assert.Equal(rows.Length, await db.TaskEvents.CountAsync(e => e.OwnerId == user.Id && e.Type == TaskEventType.Created));
        Assert.Equal(0, await ImportRowsAsync(restarted, Guid.Parse(jobId)));
    }

    private static async Task<string> StartAsync<T>(HttpClient client, T[] rows)
    {
        var started = await (await client.PostAsJsonAsync("/v1/tasks/import", rows)).ReadAsync<StartedDto>(HttpStatusCode.Accepted);
        return started.JobId;
    }

    /// <summary>The Hangfire job of the import, once its failed run has been scheduled for a retry.</summary>
    private static async Task<string> ScheduledRetryAsync(TaskGraphFactory app, string importId)
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        string? id = null;
        await Until(() =>
        {
            id = monitoring.ScheduledJobs(0, 100).FirstOrDefault(j => j.Value.Job.Args[0] is Guid job && job.ToString() == importId).Key;
            return Task.FromResult(id is not null);
        });
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.Equal(ScheduledState.StateName, connection.GetStateData(id!).Name);
        return id!;
    }

    private static async Task<Guid> SpoolAsync(TaskGraphFactory app, int ownerId, TimeSpan age, int total)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        var job = new Job { Id = Guid.CreateVersion7(), Type = Job.TaskImport, OwnerId = ownerId, Status = JobStatus.Queued, Total = total, CreatedAt = DateTime.UtcNow - age };
        db.Jobs.Add(job);
        db.ImportRows.AddRange(Enumerable.Range(1, 3).Select(row => new ImportRow { JobId = job.Id, Row = row, Title = $"row {row}" }));
        await db.SaveChangesAsync();
        return job.Id;
    }

    private static async Task<int> JobsOfAsync(TaskGraphFactory app, int ownerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Jobs.CountAsync(j => j.OwnerId == ownerId);
    }

    private static async Task<int> ImportRowsOfAsync(TaskGraphFactory app, int ownerId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        return await db.ImportRows.CountAsync(r => db.Jobs.Any(j => j.Id == r.JobId && j.OwnerId == ownerId));
    }

    private static async Task<bool> JobExistsAsync(TaskGraphFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Jobs.AnyAsync(j => j.Id == id);
    }

    private static Task<int> ImportRowsAsync(TaskGraphFactory app, string id) => ImportRowsAsync(app, Guid.Parse(id));

    private static async Task<int> ImportRowsAsync(TaskGraphFactory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().ImportRows.CountAsync(r => r.JobId == id);
    }

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>A JSON array of <paramref name="rows"/> rows, sent at once; then, when <paramref name="disconnect"/> completes, a failure that makes the client drop the connection.</summary>
    private sealed class RowsThenDisconnect(int rows, Task disconnect) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Range(1, rows).Select(i => $$"""{"title":"row {{i}}"}"""))));
            await stream.FlushAsync();
            await disconnect;
            throw new IOException("The client went away.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Records the jobs handed to the engine instead of running them.</summary>
    private sealed class RecordedImports : ITaskImportJobs
    {
        private readonly ConcurrentQueue<Guid> _jobs = new();

        public IReadOnlyList<Guid> Jobs => [.. _jobs];

        public void Enqueue(Guid jobId) => _jobs.Enqueue(jobId);
    }

    /// <summary>Holds the import after its first chunk commits, until the host's shutdown cancels it: a job caught mid-run by a restart.</summary>
    private sealed class HoldAfterFirstChunk : ITaskChangeListener
    {
        public TaskCompletionSource FirstChunkCommitted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public async Task TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken)
        {
            if (!FirstChunkCommitted.TrySetResult())
            {
                return;
            }
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                Cancelled = cancellationToken.IsCancellationRequested;
            }
        }
    }
}
