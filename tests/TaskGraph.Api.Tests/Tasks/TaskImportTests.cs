using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Errors;
using TaskGraph.Api.Tasks.Transfer;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;
using TaskGraph.Core.Events;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Tasks.Import;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>POST /v1/tasks/import and GET /v1/jobs/{id}: uploads spooled, imported by a job, valid rows kept and bad rows reported.</summary>
public sealed class TaskImportTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    public sealed record JobDto(
        string Id,
        string Type,
        string Status,
        ProgressDto Progress,
        JobErrorDto[] Errors,
        [property: JsonPropertyName("created_at")] string CreatedAt,
        [property: JsonPropertyName("finished_at")] string? FinishedAt);

    public sealed record ProgressDto(int Done, int Total);

    public sealed record JobErrorDto(int Row, string Field, string Message);

    internal sealed record StartedDto([property: JsonPropertyName("job_id")] string JobId);

    [Fact]
    public async Task A_10000_row_csv_import_creates_the_valid_rows_and_reports_each_bad_one()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var csv = new StringBuilder("title,description,completed,priority,due_date\n");
        var expected = new List<JobErrorDto>();
        for (var row = 1; row <= 10_000; row++)
        {
            switch (row % 1000)
            {
                case 1:
                    csv.Append(",no title,false,low,\n");
                    expected.Add(new JobErrorDto(row, "title", "Title is required and cannot be blank."));
                    break;
                case 2:
                    csv.Append($"task {row},,maybe,urgent,tomorrow\n");
                    expected.Add(new JobErrorDto(row, "completed", "Must be true or false."));
                    expected.Add(new JobErrorDto(row, "priority", "Must be one of: low, medium, high."));
                    expected.Add(new JobErrorDto(row, "due_date", "Expected an ISO-8601 date or date-time, e.g. 2026-11-25T10:00:00Z."));
                    break;
                default:
                    csv.Append($"task {row},\"line one\nline \"\"two\"\"\",{row % 2 == 0},{(row % 3 == 0 ? "high" : "")},2026-12-01\n");
                    break;
            }
        }

        var job = await ImportAsync(client, new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        Assert.Equal(("task_import", "succeeded", 10_000, 10_000), (job.Type, job.Status, job.Progress.Done, job.Progress.Total));
        Assert.Equal(expected, job.Errors);
        Assert.NotNull(job.FinishedAt);
        Assert.Equal("9980", (await client.GetAsync("/v1/tasks?limit=1")).Headers.GetValues("X-Total-Count").Single());
        var imported = (await client.GetFromJsonAsync<TaskDto[]>("/v1/tasks?title[eq]=task%204"))!.Single();
        Assert.Equal(("line one\nline \"two\"", true, "medium", "2026-12-01T00:00:00Z"), (imported.Description, imported.Completed, imported.Priority, imported.DueDate));
        var events = await client.EventIdsAfterAsync(0);
        Assert.Equal(9980, events.Count);
    }

    [Fact]
    public async Task A_json_import_keeps_the_valid_rows_and_reports_values_of_the_wrong_type()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var body = """
            [
              {"title": "plain"},
              {"title": "full", "description": "d", "completed": true, "priority": "high", "due_date": "2026-12-01T17:00:00Z"},
              {"title": "wrong", "completed": "yes", "priority": 2},
              "not an object",
              {"title": "   "}
            ]
            """;

        var job = await ImportAsync(client, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(("succeeded", 5, 5), (job.Status, job.Progress.Done, job.Progress.Total));
        Assert.Equal([(3, "completed"), (3, "priority"), (4, "row"), (5, "title")], job.Errors.Select(e => (e.Row, e.Field)));
        var tasks = await client.GetFromJsonAsync<TaskDto[]>("/v1/tasks?sort=title") ?? [];
        Assert.Equal(["full", "plain"], tasks.Select(t => t.Title));
        Assert.Equal(("d", true, "high", "2026-12-01T17:00:00Z"), (tasks[0].Description, tasks[0].Completed, tasks[0].Priority, tasks[0].DueDate));
        Assert.Equal(("medium", false), (tasks[1].Priority, tasks[1].Completed));
    }

    [Fact]
    public async Task A_csv_export_imports_back_as_the_same_tasks()
    {
        var (source, _) = await factory.CreateUserClientAsync();
        (await source.PostAsJsonAsync("/v1/tasks", new { title = "=SUM(A1:A2), \"quoted\"", description = "two\nlines", priority = "high", due_date = "2026-12-01T17:30:00Z", completed = true })).EnsureSuccessStatusCode();
        (await source.PostAsJsonAsync("/v1/tasks", new { title = "plain" })).EnsureSuccessStatusCode();
        var exported = await source.GetFromJsonAsync<TaskDto[]>("/v1/tasks?sort=title");
        var csv = await source.GetStringAsync("/v1/tasks/export?format=csv&sort=title");
        var (target, _) = await factory.CreateUserClientAsync();

        var job = await ImportAsync(target, new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Empty(job.Errors);
        var imported = await target.GetFromJsonAsync<TaskDto[]>("/v1/tasks?sort=title");
        Assert.Equal(
            exported!.Select(t => (t.Title, t.Description, t.Completed, t.Priority, t.DueDate)),
            imported!.Select(t => (t.Title, t.Description, t.Completed, t.Priority, t.DueDate)));
    }

    [Fact]
    public async Task Uploads_beyond_the_limits_or_unreadable_are_refused_and_leave_nothing()
    {
        var (client, user) = await factory.CreateUserClientAsync();
        var tooMany = JsonSerializer.Serialize(Enumerable.Range(1, 10_001).Select(i => new { title = $"t{i}" }));

        var refusals = new (HttpContent Body, HttpStatusCode Status)[]
        {
            (new StringContent(tooMany, Encoding.UTF8, "application/json"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("[]", Encoding.UTF8, "application/json"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("""[{"title": "a"}, {"title": """, Encoding.UTF8, "application/json"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("""{"title": "not an array"}""", Encoding.UTF8, "application/json"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("name,priority\na,low\n", Encoding.UTF8, "text/csv"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("title\n\"unterminated\n", Encoding.UTF8, "text/csv"), HttpStatusCode.UnprocessableEntity),
            (new StringContent("title\na\n", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType),
        };
        foreach (var (body, status) in refusals)
        {
            var response = await client.PostAsync("/v1/tasks/import", body);
            Assert.True(response.StatusCode == status, $"{await body.ReadAsStringAsync()} answered {(int)response.StatusCode}");
            var problem = await response.AssertProblemAsync(status);
            if (status == HttpStatusCode.UnprocessableEntity)
            {
                Assert.Equal(["body"], problem.Errors!.Keys);
            }
        }

        Assert.Empty(await client.GetFromJsonAsync<TaskDto[]>("/v1/tasks") ?? []);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        Assert.Equal(0, await db.Jobs.CountAsync(j => j.OwnerId == user.Id));
    }

    [Fact]
    public async Task An_upload_over_the_import_size_limit_is_413_naming_the_import_limits_not_the_api_body_limit()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var tooLarge = new ByteArrayContent(new byte[TaskImportEndpoints.MaxBodyBytes + 1]);
        tooLarge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var problem = await (await client.PostAsync("/v1/tasks/import", tooLarge)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("An import is at most 48 MiB and 10,000 rows: split the upload into several imports.", problem.Detail);
        var task = new ByteArrayContent(new byte[RequestBodyLimit.MaxBytes + 1]);
        task.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var other = await (await client.PostAsync("/v1/tasks", task)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("The request body is larger than the 1024 KiB limit.", other.Detail);
    }

    [Fact]
    public async Task A_chunked_upload_that_outgrows_the_import_size_limit_is_413_naming_the_import_limits_and_leaves_nothing()
    {
        // Over HTTP/2 the client reads the early 413 while it is still sending (over HTTP/1.1 the server's close breaks its write).
        using var app = new TaskGraphFactory();
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        using var client = new HttpClient
        {
            BaseAddress = app.ServerAddress,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var user = await (await client.PostAsJsonAsync("/v1/auth/register", new { username = "chunked_uploader", email = "chunked@example.com", password = "password-123" })).ReadAsync<UserDto>(HttpStatusCode.Created);
        await TaskGraphFactory.LoginAsync(client, "chunked_uploader", "password-123");
        // No Content-Length: Kestrel stops the body as it passes the limit, midway through the one huge row.
        var body = new StreamContent(new ChunkedJsonRow(TaskImportEndpoints.MaxBodyBytes * 2));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await (await client.PostAsync("/v1/tasks/import", body)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(TaskImportEndpoints.TooLargeDetail, problem.Detail);
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Jobs.CountAsync(j => j.OwnerId == user.Id));
    }

    [Fact]
    public async Task Metrics_count_the_rows_imports_created_and_rejected()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var before = (Imported: await RowsAsync(client, "imported"), Rejected: await RowsAsync(client, "rejected"));

        await ImportAsync(client, JsonContent.Create(new object[] { new { title = "one" }, new { title = "" }, new { title = "two" }, new { title = "three", priority = "urgent" } }));

        // The scrape may be answered from the exporter's short cache: read until the counts move (or give up after 10 s).
        var expected = (before.Imported + 2, before.Rejected + 2);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var counted = (await RowsAsync(client, "imported"), await RowsAsync(client, "rejected"));
        while (counted != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            counted = (await RowsAsync(client, "imported"), await RowsAsync(client, "rejected"));
        }
        Assert.Equal(expected, counted);
    }

    /// <summary>The value of <c>taskgraph_imports_rows_total</c> for the outcome at /metrics; 0 before its first row.</summary>
    private static async Task<long> RowsAsync(HttpClient client, string outcome)
    {
        var match = Regex.Match(await client.GetStringAsync("/metrics"), $$"""taskgraph_imports_rows_total\{[^}]*outcome="{{outcome}}"[^}]*\} (\d+)""");
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task A_job_is_visible_to_its_owner_and_admins_only()
    {
        var alice = await factory.CreateUserClientAsync();
        var bob = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var job = await ImportAsync(alice.Client, JsonContent.Create(new[] { new { title = "alice's" } }));

        await (await bob.Client.GetAsync($"/v1/jobs/{job.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync($"/v1/jobs/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await alice.Client.GetAsync("/v1/jobs/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(job.Id, (await admin.GetFromJsonAsync<JobDto>($"/v1/jobs/{job.Id}"))!.Id);
        var graphql = await bob.Client.GraphQLAsync("query($id: ID!) { job(id: $id) { id } }", new { id = job.Id });
        Assert.Equal(["NOT_FOUND"], graphql.Codes);
    }

    [Fact]
    public async Task Graphql_import_tasks_starts_a_job_that_job_reports()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var started = await client.QueryAsync("""mutation { importTasks(tasks: [{title: "one"}, {title: "two", priority: HIGH}, {title: ""}]) { id status total } }""");
        var id = started.GetProperty("importTasks").GetProperty("id").GetString()!;
        Assert.Equal(3, started.GetProperty("importTasks").GetProperty("total").GetInt32());
        var job = await WaitForJobAsync(client, id);

        Assert.Equal("succeeded", job.Status);
        var data = await client.QueryAsync("query($id: ID!) { job(id: $id) { status done total errors { row field message } finishedAt } }", new { id });
        Assert.Equal("SUCCEEDED", data.GetProperty("job").GetProperty("status").GetString());
        Assert.Equal(3, data.GetProperty("job").GetProperty("done").GetInt32());
        Assert.Equal(3, data.GetProperty("job").GetProperty("errors")[0].GetProperty("row").GetInt32());
        Assert.Equal(["one", "two"], (await client.GetFromJsonAsync<TaskDto[]>("/v1/tasks?sort=title"))!.Select(t => t.Title));
    }

    [Fact]
    public async Task An_interrupted_import_run_again_goes_on_where_it_stopped_and_creates_each_row_once()
    {
        var stop = new StopAfterFirstCommit();
        var held = new HeldImports();
        using var app = new TaskGraphFactory
        {
            OverrideServices = services =>
            {
                services.AddSingleton<ITaskChangeListener>(stop);
                services.AddScoped<ITaskImportJobs>(_ => held);
            },
        };
        var (client, user) = await app.CreateUserClientAsync();
        var rows = Enumerable.Range(1, TaskImports.ChunkSize * 2 + 10).Select(i => new { title = $"row {i}" }).ToArray();
        var started = await (await client.PostAsJsonAsync("/v1/tasks/import", rows)).ReadAsync<StartedDto>(HttpStatusCode.Accepted);
        var jobId = Assert.Single(held.Jobs);
        Assert.Equal(started.JobId, jobId.ToString());

        // The first run stops right after its first chunk commits, as a crash or shutdown would.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(app, jobId, stop.Token));
        var halfway = await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{jobId}");
        Assert.Equal(("running", TaskImports.ChunkSize), (halfway!.Status, halfway.Progress.Done));

        await RunAsync(app, jobId, CancellationToken.None);
        await RunAsync(app, jobId, CancellationToken.None); // a retry of a finished job does nothing

        var done = await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{jobId}");
        Assert.Equal(("succeeded", rows.Length, rows.Length), (done!.Status, done.Progress.Done, done.Progress.Total));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        var titles = await db.Tasks.Where(t => t.OwnerId == user.Id).Select(t => t.Title).ToListAsync();
        Assert.Equal(rows.Select(r => r.title).Order(), titles.Order());
        Assert.Equal(rows.Length, await db.TaskEvents.CountAsync(e => e.OwnerId == user.Id && e.Type == TaskEventType.Created));
    }

    [Fact]
    public async Task Two_runs_of_one_import_that_read_the_same_chunk_create_each_row_once()
    {
        var held = new HeldImports();
        var gate = new HoldFirstTransactionOfAFlow();
        using var app = new TaskGraphFactory
        {
            OverrideServices = services =>
            {
                services.AddScoped<ITaskImportJobs>(_ => held);
                services.ConfigureDbContext<TaskGraphDbContext>(options => options.AddInterceptors(gate));
            },
        };
        var (client, user) = await app.CreateUserClientAsync();
        var rows = Enumerable.Range(1, TaskImports.ChunkSize + 10).Select(i => new { title = $"row {i}" }).ToArray();
        (await client.PostAsJsonAsync("/v1/tasks/import", rows)).EnsureSuccessStatusCode();
        var jobId = Assert.Single(held.Jobs);

        // The first run has read its first chunk and waits to write it; a second run (the engine
        // delivering the job twice) reads the same chunk and finishes the whole job meanwhile.
        var first = Task.Run(async () =>
        {
            HoldFirstTransactionOfAFlow.HoldThisFlow();
            await RunAsync(app, jobId, CancellationToken.None);
        });
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await RunAsync(app, jobId, CancellationToken.None);
        gate.Release.SetResult();
        await first.WaitAsync(TimeSpan.FromSeconds(30));

        var done = await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{jobId}");
        Assert.Equal(("succeeded", rows.Length, rows.Length), (done!.Status, done.Progress.Done, done.Progress.Total));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
        var titles = await db.Tasks.Where(t => t.OwnerId == user.Id).Select(t => t.Title).ToListAsync();
        Assert.Equal(rows.Select(r => r.title).Order(), titles.Order());
    }

    private static async Task RunAsync(TaskGraphFactory app, Guid jobId, CancellationToken cancellationToken)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TaskImportJob>().RunAsync(jobId, cancellationToken);
    }

    internal static async Task<JobDto> ImportAsync(HttpClient client, HttpContent body)
    {
        var response = await client.PostAsync("/v1/tasks/import", body);
        var started = await response.ReadAsync<StartedDto>(HttpStatusCode.Accepted);
        Assert.Equal($"/v1/jobs/{started.JobId}", response.Headers.Location?.OriginalString);
        return await WaitForJobAsync(client, started.JobId);
    }

    /// <summary>Polls the job until it has finished; a generous bound, since the machine is shared.</summary>
    internal static async Task<JobDto> WaitForJobAsync(HttpClient client, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (true)
        {
            var job = await client.GetFromJsonAsync<JobDto>($"/v1/jobs/{id}", timeout.Token);
            if (job!.Status is "succeeded" or "failed")
            {
                return job;
            }
            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Cancels its token when the first change commits: the import's first chunk.</summary>
    private sealed class StopAfterFirstCommit : ITaskChangeListener
    {
        private readonly CancellationTokenSource _source = new();

        public CancellationToken Token => _source.Token;

        public Task TaskChangedAsync(TaskEvent change, CancellationToken cancellationToken)
        {
            _source.Cancel();
            return Task.CompletedTask;
        }
    }

    /// <summary>A body of <c>[{"title":"aaa…</c> that is <paramref name="length"/> bytes long, made up as it is read.</summary>
    private sealed class ChunkedJsonRow(long length) : Stream
    {
        private static readonly byte[] Start = "[{\"title\":\""u8.ToArray();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _position + i < Start.Length ? Start[_position + i] : (byte)'a';
            }
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Holds the first database transaction begun by a flow marked with <see cref="HoldThisFlow"/> until released.</summary>
    private sealed class HoldFirstTransactionOfAFlow : DbTransactionInterceptor
    {
        private static readonly AsyncLocal<bool> Marked = new();
        private int _held;

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static void HoldThisFlow() => Marked.Value = true;

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (Marked.Value && Interlocked.Exchange(ref _held, 1) == 0)
            {
                Reached.SetResult();
                await Release.Task;
            }
            return result;
        }
    }

    /// <summary>Keeps the jobs an upload starts instead of running them, so the test runs them itself.</summary>
    private sealed class HeldImports : ITaskImportJobs
    {
        public List<Guid> Jobs { get; } = [];

        public void Enqueue(Guid jobId) => Jobs.Add(jobId);
    }
}
