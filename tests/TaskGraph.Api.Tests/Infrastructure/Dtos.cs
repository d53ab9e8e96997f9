using System.Text.Json.Serialization;

namespace TaskGraph.Api.Tests.Infrastructure;

// What a client sees on the wire: snake_case, read independently of the app's own types.
public sealed record UserDto(
    int Id,
    string Username,
    string Email,
    string Role,
    [property: JsonPropertyName("created_at")] string CreatedAt);

public sealed record TokenDto(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

public sealed record TaskDto(
    int Id,
    string Title,
    string? Description,
    bool Completed,
    string Priority,
    [property: JsonPropertyName("due_date")] string? DueDate,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("updated_at")] string UpdatedAt,
    [property: JsonPropertyName("owner_id")] int OwnerId,
    int Version);

public sealed record ProblemDto(
    string? Type,
    string? Title,
    int Status,
    string? Detail,
    string? Instance,
    [property: JsonPropertyName("request_id")] string? RequestId,
    Dictionary<string, string[]>? Errors);
