using TaskGraph.Api.Auth;
using TaskGraph.Api.Configuration;
using TaskGraph.Api.Errors;
using TaskGraph.Api.GraphQL;
using TaskGraph.Api.Http;
using TaskGraph.Api.Jokes;
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
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseApiErrors();
app.UseRequestBodyLimit();
app.UseGraphiQL();
app.UseAuthentication();
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
