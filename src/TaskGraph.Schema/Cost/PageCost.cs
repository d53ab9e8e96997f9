namespace TaskGraph.Schema.Cost;

/// <summary>A connection field as priced: the page size it was charged for and the points of one item.</summary>
internal readonly record struct PageCost(int Size, double ItemPoints);
