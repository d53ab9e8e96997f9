using GraphQL.Types;
using TaskGraph.Schema.Common;
using TaskGraph.Schema.Tasks;
using TaskGraph.Schema.Users;

namespace TaskGraph.Schema.GraphQL.Types;

/// <summary>A Relay connection: edges with cursors, the nodes alone, page info and the total.</summary>
public abstract class ConnectionGraphType<TNode, TNodeType, TEdgeType> : ObjectGraphType<Connection<TNode>>
    where TNodeType : IGraphType
    where TEdgeType : IGraphType
{
    protected ConnectionGraphType(string name, string items)
    {
        Name = name;
        Description = $"One page of {items}, with cursors to fetch the pages around it.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TEdgeType>>>>("edges").Description($"The {items} of this page, each with its cursor.").Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Description($"The {items} of this page, without cursors.").Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether more pages exist, and the cursors to fetch them.").Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount").Description($"How many {items} match in all pages together.").Resolve(c => c.Source.TotalCount);
    }
}

public abstract class EdgeGraphType<TNode, TNodeType> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    protected EdgeGraphType(string name, string item)
    {
        Name = name;
        Description = $"A {item} and its cursor.";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description($"Opaque position of this {item}: pass it as `after` or `before`.").Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node").Description($"The {item}.").Resolve(c => c.Source.Node);
    }
}

public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Where a page sits in its list.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Whether items follow this page (fetch them with `after: endCursor`).").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage").Description("Whether items precede this page (fetch them with `before: startCursor`).").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor").Description("The cursor of the first item; null for an empty page.").Resolve(c => c.Source.StartCursor);
        Field<StringGraphType>("endCursor").Description("The cursor of the last item; null for an empty page.").Resolve(c => c.Source.EndCursor);
    }
}

public sealed class TasksConnectionType() : ConnectionGraphType<TaskItem, TaskType, TasksEdgeType>("TasksConnection", "tasks");

public sealed class TasksEdgeType() : EdgeGraphType<TaskItem, TaskType>("TasksEdge", "task");

public sealed class UsersConnectionType() : ConnectionGraphType<User, UserType, UsersEdgeType>("UsersConnection", "users");

public sealed class UsersEdgeType() : EdgeGraphType<User, UserType>("UsersEdge", "user");
