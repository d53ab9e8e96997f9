using TaskGraph.Core.Users;

namespace TaskGraph.Api.Users;

public sealed record SetRoleRequest(Role? Role);
