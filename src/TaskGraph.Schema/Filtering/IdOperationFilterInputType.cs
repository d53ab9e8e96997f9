using GraphQL.Types;

namespace TaskGraph.Schema.Filtering;

public sealed class IdOperationFilterInputType() : ComparableOperationFilterInputType<IdGraphType>("IdOperationFilterInput", "an id");
