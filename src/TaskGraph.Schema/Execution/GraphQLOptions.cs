using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Schema.Execution;

/// <summary>Bound from section <c>GraphQL</c>: limits checked before a document executes.</summary>
public sealed class GraphQLOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>How deep selections may nest (introspection has its own limit).</summary>
    [Range(1, 100)]
    public int MaxDepth { get; set; } = 10;

    /// <summary>How deep introspection may nest: GraphiQL's schema query needs about 13.</summary>
    [Range(1, 100)]
    public int MaxIntrospectionDepth { get; set; } = 15;

    /// <summary>
    /// The most fields one request may resolve: each selected field counts once per object it is
    /// resolved on, so a page of 100 tasks with 5 fields costs 500.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxCost { get; set; } = 2_000;

    /// <summary>Parsed and validated documents kept in memory, by total query length in characters.</summary>
    [Range(0, 100_000_000)]
    public int DocumentCacheSize { get; set; } = 1_000_000;
}
