using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Data;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Tests.Deployment;

/// <summary>
/// `docker compose up --scale api=3` starts several instances at once on one fresh database: each
/// migrates it and ensures the configured admin, and all of them must come up (SQLite and PostgreSQL runs).
/// </summary>
public sealed class ConcurrentStartupTests
{
    [Fact]
    public async Task Two_instances_started_together_on_a_fresh_database_both_come_up_with_exactly_one_admin()
    {
        for (var round = 0; round < 3; round++)
        {
            using var first = new TaskGraphFactory();
            using var second = new TaskGraphFactory();
            second.Settings["Database:Url"] = first.Settings["Database:Url"];
            using var together = new Barrier(2);

            // Each start runs Program: validation, migrations, the admin bootstrap, then the host.
            var clients = await Task.WhenAll(new[] { first, second }.Select(factory => Task.Run(() =>
            {
                together.SignalAndWait();
                return factory.CreateClient();
            })));

            foreach (var client in clients)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
                await TaskGraphFactory.LoginAsync(client, TaskGraphFactory.AdminUsername, TaskGraphFactory.AdminPassword);
                var users = await (await client.GetAsync("/v1/users?limit=100")).ReadAsync<List<UserDto>>();
                var admin = Assert.Single(users);
                Assert.Equal(("root-admin", "admin"), (admin.Username, admin.Role));
            }
        }
    }

    [Fact]
    public async Task The_admin_bootstrap_run_concurrently_creates_one_admin_and_never_fails()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["Admin:Username"] = null;
        factory.Settings["Admin:Password"] = null;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureAdminAsync("Racing.Admin", "racing-password", CancellationToken.None);
        })));

        await using var check = factory.Services.CreateAsyncScope();
        var users = await check.ServiceProvider.GetRequiredService<TaskGraphDbContext>().Users.AsNoTracking().ToListAsync();
        var admin = Assert.Single(users);
        Assert.Equal(Role.Admin, admin.Role);
        var client = factory.CreateClient();
        var login = await client.PostAsJsonAsync("/v1/auth/login", new { username = "racing.admin", password = "racing-password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
