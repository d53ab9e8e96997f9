using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Data;

/// <summary>Writes answer with the instants later reads show: whole microseconds, whatever the clock's ticks.</summary>
public sealed partial class TimestampPrecisionTests : IDisposable
{
    private readonly SubMicrosecondClockFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Put_patch_and_update_task_answer_with_the_microsecond_timestamps_later_reads_show()
    {
        var (client, _) = await _factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "Precise" })).ReadAsync<TaskDto>(HttpStatusCode.Created);

        var put = await (await client.PutAsJsonAsync($"/v1/tasks/{created.Id}", new { title = "Put", due_date = "2026-12-01T09:30:00.1234567Z" })).ReadAsync<TaskDto>();
        await AssertReadShowsAsync(client, put);
        var patch = await (await client.PatchAsJsonAsync($"/v1/tasks/{created.Id}", new { completed = true, due_date = "2026-12-02T09:30:00.7654321Z" })).ReadAsync<TaskDto>();
        await AssertReadShowsAsync(client, patch);
        var graphql = await client.QueryAsync($$"""mutation { updateTask(id: {{created.Id}}, input: {title: "GraphQL"}) { updatedAt } }""");

        Assert.Equal("2026-12-02T09:30:00.765432Z", patch.DueDate);
        var updatedAt = graphql.GetProperty("updateTask").GetProperty("updatedAt").GetDateTime();
        Assert.Equal(0, updatedAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(updatedAt, DateTime.Parse((await (await client.GetAsync($"/v1/tasks/{created.Id}")).ReadAsync<TaskDto>()).UpdatedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal));
    }

    private static async Task AssertReadShowsAsync(HttpClient client, TaskDto written)
    {
        foreach (var instant in new[] { written.CreatedAt, written.UpdatedAt, written.DueDate! })
        {
            Assert.Matches(AtMostMicroseconds(), instant);
        }
        Assert.Equal(written, await (await client.GetAsync($"/v1/tasks/{written.Id}")).ReadAsync<TaskDto>());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")]
    private static partial Regex AtMostMicroseconds();

    /// <summary>The app on a clock whose every reading has a fraction below a microsecond, as .NET's 100 ns clock often does.</summary>
    private sealed class SubMicrosecondClockFactory : TaskGraphFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new SubMicrosecondClock()));
        }
    }

    private sealed class SubMicrosecondClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            var now = System.GetUtcNow();
            return now.AddTicks(7 - (now.Ticks % TimeSpan.TicksPerMicrosecond));
        }
    }
}
