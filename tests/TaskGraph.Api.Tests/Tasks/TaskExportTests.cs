using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Events;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Api.Tests.Tasks;

/// <summary>GET /v1/tasks/export: every visible task the list filters match, as CSV or JSON, written while it is read.</summary>
public sealed class TaskExportTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task A_csv_export_is_an_attachment_with_the_tasks_the_filters_match()
    {
        var (client, user) = await factory.CreateUserClientAsync();
        var urgent = await client.CreateTaskAsync("urgent, open", "high");
        var done = await client.CreateTaskAsync("urgent, done", "high");
        (await client.PatchAsJsonAsync($"/v1/tasks/{done.Id}", new { completed = true, due_date = "2026-12-01T17:00:00Z" })).EnsureSuccessStatusCode();
        await client.CreateTaskAsync("later", "low");

        var response = await client.GetAsync("/v1/tasks/export?format=csv&priority=high&sort=title");

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("tasks.csv", response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("title,description,completed,priority,due_date,id,created_at,updated_at,owner_id,version", lines[0]);
        Assert.StartsWith($"\"urgent, done\",,true,high,2026-12-01T17:00:00Z,{done.Id},{done.CreatedAt},", lines[1], StringComparison.Ordinal);
        Assert.Equal($"\"urgent, open\",,false,high,,{urgent.Id},{urgent.CreatedAt},{urgent.UpdatedAt},{user.Id},1", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task A_json_export_holds_only_the_callers_tasks_and_owner_filters_are_for_admins()
    {
        var alice = await factory.CreateUserClientAsync();
        var bob = await factory.CreateUserClientAsync();
        var admin = await factory.CreateAdminClientAsync();
        var alices = await alice.Client.CreateTaskAsync("alice's");
        await bob.Client.CreateTaskAsync("bob's");

        var response = await alice.Client.GetAsync("/v1/tasks/export");
        var exported = await response.ReadAsync<TaskDto[]>();
        var listed = await alice.Client.GetFromJsonAsync<TaskDto[]>("/v1/tasks");

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([alices], exported);
        Assert.Equal(listed, exported);
        var bobsByAdmin = await admin.GetFromJsonAsync<TaskDto[]>($"/v1/tasks/export?format=json&owner_id={bob.User.Id}");
        Assert.Equal(["bob's"], bobsByAdmin!.Select(t => t.Title));
        await (await alice.Client.GetAsync($"/v1/tasks/export?owner_id={bob.User.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(["format"], (await (await alice.Client.GetAsync("/v1/tasks/export?format=xml")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
        Assert.Equal(["sort"], (await (await alice.Client.GetAsync("/v1/tasks/export?sort=colour")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
    }

    [Fact]
    public async Task Csv_fields_that_spreadsheets_would_run_as_formulas_are_escaped()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        await client.CreateTaskAsync("=HYPERLINK(\"http://evil.example\")");

        var csv = await client.GetStringAsync("/v1/tasks/export?format=csv");

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_export_is_written_while_the_rows_are_read()
    {
        const int Rows = 3000;
        var counter = new MaterializedTasks();
        using var streaming = new TaskGraphFactory
        {
            OverrideServices = services => services.ConfigureDbContext<TaskGraphDbContext>(options => options.AddInterceptors(counter)),
        };
        var (client, user) = await streaming.CreateUserClientAsync();
        await using (var scope = streaming.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();
            var now = DateTime.UtcNow;
            db.Tasks.AddRange(Enumerable.Range(1, Rows).Select(i => new TaskItem { Title = $"task {i} {new string('x', 150)}", OwnerId = user.Id, CreatedAt = now, UpdatedAt = now }));
            await db.SaveChangesAsync();
        }

        foreach (var format in new[] { "csv", "json" })
        {
            counter.Reset();
            using var response = await client.GetAsync($"/v1/tasks/export?format={format}", HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var start = new char[1024];
            await reader.ReadBlockAsync(start);

            // The client has read 1 KiB and stopped: the server, held back by the unread response, has not read every row.
            Assert.InRange(counter.Count, 1, Rows - 1);
            var rest = await reader.ReadToEndAsync();
            Assert.Equal(Rows, counter.Count);
            var body = new string(start) + rest;
            Assert.Equal(Rows, format == "csv" ? body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1 : JsonDocument.Parse(body).RootElement.GetArrayLength());
        }
    }

    /// <summary>Counts the tasks EF materializes, so a test sees how far the server has read.</summary>
    private sealed class MaterializedTasks : IMaterializationInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
        {
            if (entity is TaskItem)
            {
                Interlocked.Increment(ref _count);
            }
            return entity;
        }
    }
}
