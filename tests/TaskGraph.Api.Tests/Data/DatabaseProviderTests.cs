using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Tests.Data;

/// <summary>What the two providers must agree on, checked below the HTTP layer (the suite runs on both).</summary>
public sealed class DatabaseProviderTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public void The_app_runs_on_the_provider_the_suite_was_started_for()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>();

        Assert.Equal(TestDatabase.IsPostgres, db.Database.IsNpgsql());
        Assert.Equal(!TestDatabase.IsPostgres, db.Database.IsSqlite());
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Fact]
    public async Task Instants_round_trip_as_utc_with_microsecond_precision()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var created = await (await client.PostAsJsonAsync("/v1/tasks", new { title = "When", due_date = "2026-12-01T09:30:00.1234567+02:00" }))
            .ReadAsync<TaskDto>(HttpStatusCode.Created);

        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == created.Id);

        Assert.Equal(DateTimeKind.Utc, stored.CreatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.UpdatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, stored.DueDate!.Value.Kind);
        Assert.Equal(new DateTime(2026, 12, 1, 7, 30, 0, DateTimeKind.Utc).AddTicks(1_234_560), stored.DueDate);
        Assert.Equal("2026-12-01T07:30:00.123456Z", created.DueDate);
        Assert.Equal(0, stored.CreatedAt.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.Equal(created, await (await client.GetAsync($"/v1/tasks/{created.Id}")).ReadAsync<TaskDto>());
    }

    [Fact]
    public void Lowered_text_compares_code_point_by_code_point_on_both()
    {
        using var scope = factory.Services.CreateScope();
        var sql = scope.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Tasks.OrderBy(t => t.Title.ToLower()).ToQueryString();

        // PostgreSQL would otherwise sort by the server's locale; SQLite's BINARY order is already by code point.
        if (TestDatabase.IsPostgres)
        {
            Assert.Contains("lower(t.title) COLLATE \"C\"", sql, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("lower(\"t\".\"title\")", sql, StringComparison.Ordinal);
        }
    }
}
