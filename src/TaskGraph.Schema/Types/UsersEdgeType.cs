using TaskGraph.Core.Users;

namespace TaskGraph.Schema.Types;

public sealed class UsersEdgeType() : EdgeGraphType<User, UserType>("UsersEdge", "user");
