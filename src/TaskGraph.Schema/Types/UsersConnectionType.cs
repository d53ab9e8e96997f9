using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Types;

public sealed class UsersConnectionType() : ConnectionGraphType<User, UserType, UsersEdgeType>("UsersConnection", "users");
