using System.Runtime.CompilerServices;
using GraphQLParser.AST;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// How many fields and aliases each operation and fragment of a document holds once its fragment
/// spreads are expanded, computed without expanding them: each fragment is counted once and its
/// totals reused at every spread, so the work is linear in the document's size. It needs no schema,
/// so it runs before validation, whose overlapping-fields rule is quadratic in repeated fields.
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
            totals += selection switch
            {
                GraphQLField field => new Totals(1, field.Alias is null ? 0 : 1) + (field.SelectionSet is { } children ? Count(children) : default),
                GraphQLInlineFragment inline => Count(inline.SelectionSet),
                GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) => Count(fragment),
                _ => default,
            };
        }
        return totals;
    }

    private readonly record struct Totals(long Fields, long Aliases)
    {
        public static Totals operator +(Totals a, Totals b) =>
            new(Math.Min(a.Fields + b.Fields, Saturated), Math.Min(a.Aliases + b.Aliases, Saturated));
    }
}
