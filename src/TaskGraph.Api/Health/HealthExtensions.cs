using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Health;

public static class HealthExtensions
{
    /// <summary>Checks behind <c>/health/ready</c> and <c>/health/detailed</c>: the database (ready) and Redis (degraded only).</summary>
    public static IHealthChecksBuilder AddHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            // A real query, not just "can connect": SQLite happily opens (and creates) an empty file.
            .AddDbContextCheck<TaskGraphDbContext>("database", HealthStatus.Unhealthy, [HealthEndpoints.ReadyTag], async (db, cancellationToken) =>
            {
                await db.Users.AnyAsync(cancellationToken);
                return true;
            })
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);
}
