using GraphQL.Types;
using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Types;

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
