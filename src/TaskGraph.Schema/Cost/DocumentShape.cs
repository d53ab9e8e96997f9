using System.Runtime.CompilerServices;
using GraphQLParser.AST;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// The size and nesting of each operation and fragment once fragment spreads are expanded, computed
/// without expanding: each fragment is counted once and its totals reused at every spread, so the
/// work is linear in the document and needs no schema (it runs before validation).
/// </summary>
internal sealed class DocumentShape
{
    // Counts stop growing here: far above any limit, far below overflow (a fragment bomb doubles per level).
    private const long Saturated = 1L << 40;

    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<GraphQLFragmentDefinition, Totals> _counted = [];
    private readonly HashSet<GraphQLFragmentDefinition> _counting = [];

    private DocumentShape(GraphQLDocument document)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>Fields in the largest operation or fragment, fragments expanded.</summary>
    public long Fields { get; private set; }

    /// <summary>Aliased fields in the largest operation or fragment, fragments expanded.</summary>
    public long Aliases { get; private set; }

    /// <summary>Deepest field nesting in any operation or fragment, fragments expanded (root fields are 1).</summary>
    public int Depth { get; private set; }

    /// <summary>Longest chain of fragments spread inside each other (a spread of a fragment without spreads is 1).</summary>
    public int FragmentNesting { get; private set; }

    /// <summary>Selections visited; linear in the document's size (the linearity test reads it).</summary>
    public int Steps { get; private set; }

    /// <summary>Fragments spread inside each other deeper than this process can follow safely.</summary>
    public bool TooDeep { get; private set; }

    public static DocumentShape Measure(GraphQLDocument document)
    {
        var shape = new DocumentShape(document);
        foreach (var definition in document.Definitions)
        {
            var totals = definition switch
            {
                GraphQLOperationDefinition operation => shape.Count(operation.SelectionSet),
                GraphQLFragmentDefinition fragment => shape.Count(fragment),
                _ => default,
            };
            shape.Fields = Math.Max(shape.Fields, totals.Fields);
            shape.Aliases = Math.Max(shape.Aliases, totals.Aliases);
            shape.Depth = Math.Max(shape.Depth, totals.Depth);
            shape.FragmentNesting = Math.Max(shape.FragmentNesting, totals.Nesting);
        }
        return shape;
    }

    private Totals Count(GraphQLFragmentDefinition fragment)
    {
        if (_counted.TryGetValue(fragment, out var known))
        {
            return known;
        }
        // A fragment that spreads itself is the validation rules' to report; it adds nothing here.
        if (!_counting.Add(fragment))
        {
            return default;
        }
        var totals = Count(fragment.SelectionSet);
        _counting.Remove(fragment);
        _counted[fragment] = totals;
        return totals;
    }

    private Totals Count(GraphQLSelectionSet selectionSet)
    {
        // A long chain of fragments, each spreading the next, recurses once per fragment.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            TooDeep = true;
            return default;
        }
        var totals = default(Totals);
        foreach (var selection in selectionSet.Selections)
        {
            Steps++;
            totals = totals.Beside(selection switch
            {
                GraphQLField field => (field.SelectionSet is { } children ? Count(children) : default).Under(field),
                GraphQLInlineFragment inline => Count(inline.SelectionSet),
                GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) => Count(fragment).Spread(),
                _ => default,
            });
        }
        return totals;
    }

    private readonly record struct Totals(long Fields, long Aliases, int Depth, int Nesting)
    {
        public Totals Beside(Totals other) => new(
            Math.Min(Fields + other.Fields, Saturated), Math.Min(Aliases + other.Aliases, Saturated),
            Math.Max(Depth, other.Depth), Math.Max(Nesting, other.Nesting));

        /// <summary>These totals as the selection of <paramref name="field"/>: one more field, one level deeper.</summary>
        public Totals Under(GraphQLField field) => new(
            Math.Min(Fields + 1, Saturated), Math.Min(Aliases + (field.Alias is null ? 0 : 1), Saturated), Depth + 1, Nesting);

        /// <summary>These totals as a fragment spread: one more level of fragment nesting.</summary>
        public Totals Spread() => this with { Nesting = Nesting + 1 };
    }
}
