using System.Text.Json.Serialization;
using TaskGraph.Api.Auth;
using TaskGraph.Api.Tasks;
using TaskGraph.Api.Users;

namespace TaskGraph.Api.Http;

/// <summary>
/// Source-generated JSON metadata for the REST bodies and the cached page headers: no reflection to build
/// serializers at run time. Names and converters come from the options <see cref="RestJson"/> configures.
/// </summary>
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(List<TaskResponse>))]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(TaskPatchRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(List<UserResponse>))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(SetRoleRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
