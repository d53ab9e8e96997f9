using TaskGraph.Api.Auth;
using TaskGraph.Api.Caching;
using TaskGraph.Api.Configuration;
using TaskGraph.Api.Errors;
using TaskGraph.Api.Http;
using TaskGraph.Api.Jokes;
using TaskGraph.Api.RateLimiting;
using TaskGraph.Api.Redis;
using TaskGraph.Api.Tasks;
using TaskGraph.Api.Users;
using TaskGraph.Schema;
using TaskGraph.Schema.Data;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddContractEnvironmentVariables();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestBodyLimit.MaxBytes);

builder.Services.AddTaskGraphCore(builder.Configuration);
builder.Services.AddJwtAuthentication();
builder.Services.AddApiProblemDetails();
builder.Services.AddRestJson();
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddRedis(builder.Configuration);
builder.Services.AddTaskGraphRateLimiting(builder.Configuration);
builder.Services.AddTaskListCache(builder.Configuration);
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseTrustedProxies();
app.UseApiErrors();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseTaskGraphRateLimiting();
app.UseAuthorization();

app.MapAuth();
app.MapTasks();
app.MapUsers();
app.MapJokes();

await app.Services.MigrateTaskGraphDatabaseAsync();
await app.Services.EnsureConfiguredAdminAsync(app.Configuration);
await app.RunAsync();

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
