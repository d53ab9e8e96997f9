using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>bcrypt verifications an app makes from now on, counted through its metric rather than timed.</summary>
public static class PasswordVerifications
{
    public static MetricCollector<long> CountPasswordVerifications(this TaskGraphFactory factory) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), TaskGraphMeter.Name, "taskgraph.auth.password_verifications");

    public static int Count(this MetricCollector<long> verifications) => verifications.GetMeasurementSnapshot().Count;
}
