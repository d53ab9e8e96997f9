using TaskGraph.Schema.Types;

namespace TaskGraph.Schema.Filtering;

public sealed class PriorityOperationFilterInputType() : ComparableOperationFilterInputType<PriorityType>("PriorityOperationFilterInput", "a priority (LOW < MEDIUM < HIGH)");
