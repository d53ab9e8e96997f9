using System.Text.Json.Serialization;
using TaskGraph.Bench.Bare;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BareJsonContext.Default));

var app = builder.Build();

// Twenty rows shaped like TaskGraph's REST tasks, built per request as the API builds its page.
app.MapGet("/v1/tasks", () =>
{
    var now = DateTime.UtcNow;
    var rows = new BareTask[20];
    for (var i = 0; i < rows.Length; i++)
    {
        rows[i] = new BareTask(i + 1, $"task {i + 1}", null, i % 2 == 0, i % 3 == 0 ? "high" : "low", null, now, now, 1, 1);
    }
    return rows;
});
app.MapGet("/health", () => new BareHealth("healthy"));

app.Run();

namespace TaskGraph.Bench.Bare
{
    /// <summary>A task as TaskGraph's REST face writes it (same fields, same snake_case names).</summary>
    public sealed record BareTask(int Id, string Title, string? Description, bool Completed, string Priority, DateTime? DueDate, DateTime CreatedAt, DateTime UpdatedAt, int OwnerId, int Version);

    public sealed record BareHealth(string Status);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(BareTask[]))]
    [JsonSerializable(typeof(BareHealth))]
    internal sealed partial class BareJsonContext : JsonSerializerContext;
}
