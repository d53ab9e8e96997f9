using System.Text.Json;
using System.Text.Json.Serialization;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Core.Events;

/// <summary>
/// The <c>data</c> of an event: the task after the change, in the REST representation (snake_case,
/// lower-case enums, UTC instants with Z), so the REST feed and webhooks can pass it on unchanged.
/// </summary>
public static class TaskSnapshot
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public static string Write(TaskItem task) => JsonSerializer.Serialize(task, Options);

    /// <summary>A deletion leaves only the id.</summary>
    public static string WriteDeleted(int taskId) => JsonSerializer.Serialize(new DeletedTask(taskId), Options);

    public static TaskItem Read(string data) =>
        JsonSerializer.Deserialize<TaskItem>(data, Options) ?? throw new JsonException("A task event's data is null.");

    private sealed record DeletedTask(int Id);
}
