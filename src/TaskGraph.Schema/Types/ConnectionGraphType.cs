using GraphQL.Types;
using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Types;

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
