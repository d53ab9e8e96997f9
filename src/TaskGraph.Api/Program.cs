using Microsoft.Extensions.Options;
using TaskGraph.Api.Auth;
using TaskGraph.Api.Caching;
using TaskGraph.Api.Configuration;
using TaskGraph.Api.Errors;
using TaskGraph.Api.Events;
using TaskGraph.Api.GraphQL;
using TaskGraph.Api.Health;
using TaskGraph.Api.Http;
using TaskGraph.Api.Jobs;
using TaskGraph.Api.Jokes;
using TaskGraph.Api.Observability;
using TaskGraph.Api.OpenApi;
using TaskGraph.Api.RateLimiting;
using TaskGraph.Api.Redis;
using TaskGraph.Api.Reminders;
using TaskGraph.Api.Tasks;
using TaskGraph.Api.Tasks.Transfer;
using TaskGraph.Api.Users;
using TaskGraph.Api.Webhooks;
using TaskGraph.Core;
using TaskGraph.Core.Data;
using TaskGraph.Schema;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddContractEnvironmentVariables();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);
// On SIGTERM Kestrel stops accepting and lets in-flight requests finish, up to this long.
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

builder.Services.AddJsonLogging();
builder.Services.AddTelemetry(builder.Configuration);
builder.Services.AddCore(builder.Configuration);
builder.Services.AddJwtAuthentication();
builder.Services.AddApiErrors();
builder.Services.AddRestJson();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddPublicUrl(builder.Configuration);
builder.Services.AddRedis(builder.Configuration);
builder.Services.AddRateLimiting(builder.Configuration);
builder.Services.AddCaching(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddApiDocs();
builder.Services.AddEvents();
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddWebhookDelivery();
builder.Services.AddReminderJobs();
builder.Services.AddTaskTransfer();
builder.Services.AddGraphQLSchema(builder.Configuration);
builder.Services.AddGraphQLTransports(builder.Configuration);
builder.Services.AddAdminBootstrap(builder.Configuration);
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

var app = builder.Build();
try
{
    // Every ValidateOnStart check before anything reads its options, so a bad setting is one line on stderr.
    app.Services.GetRequiredService<IStartupValidator>().Validate();
}
catch (Exception exception) when (StartupFailure.Describe(exception) is { } reason)
{
    await Console.Error.WriteLineAsync(reason);
    return StartupFailure.ExitCode;
}

app.UseTrustedProxies();
app.UseRequestLogging();
app.UseApiErrors();
app.UseRequestBodyLimit();
app.UseUtf8RequestBodies();
app.UseGraphiQL();
app.UseGraphQLWebSockets();
app.UseAuthentication();
app.UseRateLimiting();
app.UseAuthorization();

app.MapHealth();
app.MapMetrics();
app.MapApiDocs();
app.MapAuth();
app.MapTasks();
app.MapUsers();
app.MapJokes();
app.MapEvents();
app.MapJobsDashboard();
app.MapWebhooks();
app.MapJobStatus();
app.MapGraphQL();

await app.Services.MigrateDatabaseAsync();
await app.Services.EnsureConfiguredAdminAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
