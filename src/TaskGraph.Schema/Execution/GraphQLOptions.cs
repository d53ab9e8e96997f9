using System.ComponentModel.DataAnnotations;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Bound from section <c>GraphQL</c> (<c>GRAPHQL_MAX_COST</c> and <c>GRAPHQL_COST_LIMIT</c> map here):
/// the caps a document meets before it is validated, and the price an operation may have.
/// </summary>
public sealed class GraphQLOptions : IValidatableObject
{
    public const string SectionName = "GraphQL";

    /// <summary>Longest query text, in characters, that is parsed at all.</summary>
    [Range(1_000, 1_000_000)]
    public int MaxDocumentLength { get; set; } = 100_000;

    /// <summary>How deep the parser lets the document's syntax nest (selections, values, lists).</summary>
    [Range(16, 500)]
    public int MaxParserDepth { get; set; } = 128;

    /// <summary>Most fields one operation or fragment may hold once every fragment spread is expanded (the contract's 2,000).</summary>
    [Range(1, 100_000)]
    public int MaxFields { get; set; } = 2_000;

    /// <summary>Most aliased fields, counted like <see cref="MaxFields"/>.</summary>
    [Range(1, 100_000)]
    public int MaxAliases { get; set; } = 1_000;

    /// <summary>How deeply fragments may spread inside each other.</summary>
    [Range(1, 100)]
    public int MaxFragmentNesting { get; set; } = 32;

    /// <summary>How deep selections may nest (introspection has its own limit).</summary>
    [Range(1, 100)]
    public int MaxDepth { get; set; } = 10;

    /// <summary>How deep introspection may nest: GraphiQL's schema query needs about 13.</summary>
    [Range(1, 100)]
    public int MaxIntrospectionDepth { get; set; } = 15;

    /// <summary>The most points one operation may cost (<c>GRAPHQL_MAX_COST</c>); see the README's cost table.</summary>
    [Range(1, 1_000_000)]
    public int MaxCost { get; set; } = 1_000;

    /// <summary>Points each client may spend per rate-limit period (<c>GRAPHQL_COST_LIMIT</c> per <c>RATE_PERIOD</c>).</summary>
    [Range(1, 100_000_000)]
    public int CostLimit { get; set; } = 5_000;

    /// <summary>Parsed and validated documents kept in memory, by total query length in characters.</summary>
    [Range(0, 100_000_000)]
    public int DocumentCacheSize { get; set; } = 1_000_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // An operation allowed by MaxCost must be affordable with a full budget, or it could never run.
        if (MaxCost > CostLimit)
        {
            yield return new ValidationResult(
                $"GraphQL:MaxCost (GRAPHQL_MAX_COST, {MaxCost}) must not exceed GraphQL:CostLimit (GRAPHQL_COST_LIMIT, {CostLimit}).",
                [nameof(MaxCost), nameof(CostLimit)]);
        }
    }
}
