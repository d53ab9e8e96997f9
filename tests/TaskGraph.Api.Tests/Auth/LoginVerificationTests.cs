using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Tests.Auth;

/// <summary>
/// Counts bcrypt verifications instead of timing logins: a login for an unknown user must verify a
/// hash of the same cost as a real one, so neither path can be told apart by its time.
/// </summary>
public sealed class LoginVerificationTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Every_failed_login_costs_one_bcrypt_verification_at_the_configured_cost_whether_or_not_the_user_exists()
    {
        await factory.CreateUserClientAsync("counted_user", "right-password");
        var client = factory.CreateClient();
        using var verifications = new MetricCollector<long>(factory.Services.GetRequiredService<IMeterFactory>(), TaskGraphMeter.Name, "taskgraph.auth.password_verifications");

        foreach (var username in new[] { "counted_user", "no_such_user", "counted_user", "another_stranger" })
        {
            var response = await client.PostAsJsonAsync("/v1/auth/login", new { username, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var measurements = verifications.GetMeasurementSnapshot();
        Assert.Equal(4, measurements.Count);
        Assert.All(measurements, m => Assert.Equal(4, m.Tags["cost"])); // the factory's work factor, for real and dummy hashes alike
    }
}
