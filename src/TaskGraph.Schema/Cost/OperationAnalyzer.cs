using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using TaskGraph.Core.Common;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// One walk that prices the selected operation and collects the fields authorization must check,
/// each fragment summarised once however often it is spread. Ours because graphql-dotnet's complexity
/// analyzer walks a fragment again at every spread, which is exponential for a fragment bomb.
/// </summary>
internal sealed class OperationAnalyzer
{
    private readonly ISchema _schema;
    private readonly Func<ASTNode, bool> _include;
    private readonly Func<GraphQLField, string, object?> _argument;
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<GraphQLFragmentDefinition, Summary> _summaries = [];
    private readonly List<(GraphQLField, FieldType)> _guarded = [];
    private readonly Dictionary<GraphQLField, PageCost> _pages = [];
    private int _steps;

    private OperationAnalyzer(ISchema schema, GraphQLDocument document, Func<ASTNode, bool> include, Func<GraphQLField, string, object?> argument)
    {
        _schema = schema;
        _include = include;
        _argument = argument;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>Prices <paramref name="operation"/> of <paramref name="document"/> against <paramref name="schema"/>.</summary>
    /// <param name="schema">The schema the document was validated against.</param>
    /// <param name="document">The document, for its fragments.</param>
    /// <param name="operation">The operation the request selected.</param>
    /// <param name="include">Whether @skip/@include keep a node, for this request's variables.</param>
    /// <param name="argument">A field's coerced argument value, or null when absent.</param>
    public static OperationAnalysis Analyze(
        ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation,
        Func<ASTNode, bool> include, Func<GraphQLField, string, object?> argument)
    {
        var analyzer = new OperationAnalyzer(schema, document, include, argument);
        IGraphType? root = operation.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => null,
        };
        var summary = root is null ? default : analyzer.Walk(operation.SelectionSet, root);
        return new OperationAnalysis(
            (long)Math.Min(summary.Cost, long.MaxValue / 2),
            summary.Depth,
            summary.IntrospectionDepth,
            (int)Math.Min(summary.LoginAttempts, int.MaxValue),
            analyzer._guarded,
            analyzer._pages,
            analyzer._steps);
    }

    private Summary Walk(GraphQLSelectionSet selectionSet, IGraphType parent)
    {
        var summary = default(Summary);
        foreach (var selection in selectionSet.Selections)
        {
            _steps++;
            if (!_include(selection))
            {
                continue;
            }
            summary = summary.Beside(selection switch
            {
                GraphQLField field => Field(field, parent),
                GraphQLInlineFragment inline => Walk(inline.SelectionSet, inline.TypeCondition is { } condition ? TypeNamed(condition) ?? parent : parent),
                GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) => Fragment(fragment, parent),
                _ => default,
            });
        }
        return summary;
    }

    private Summary Fragment(GraphQLFragmentDefinition fragment, IGraphType parent)
    {
        if (!_summaries.TryGetValue(fragment, out var summary))
        {
            // Validation has ruled out cycles, so the fragment is complete before it is stored.
            summary = Walk(fragment.SelectionSet, TypeNamed(fragment.TypeCondition) ?? parent);
            _summaries[fragment] = summary;
        }
        return summary;
    }

    private Summary Field(GraphQLField field, IGraphType parent)
    {
        var name = field.Name.StringValue;
        var definition = name switch
        {
            "__typename" => _schema.TypeNameMetaFieldType,
            "__schema" => _schema.SchemaMetaFieldType,
            "__type" => _schema.TypeMetaFieldType,
            _ => (parent as IComplexGraphType)?.GetField(field.Name.Value),
        };
        if (definition is null)
        {
            return default;
        }
        if (definition.IsAuthorizationRequired() || definition.GetRoles() is { Count: > 0 })
        {
            _guarded.Add((field, definition));
        }
        var type = definition.ResolvedType?.GetNamedType();
        var children = field.SelectionSet is { } selection && type is not null ? Walk(selection, type) : default;
        var price = definition.GetMetadata<FieldPrice?>(FieldPrice.Key);
        var points = price?.Points
            ?? (parent == _schema.Mutation ? FieldPrice.MutationPoints
            : type is IComplexGraphType or UnionGraphType ? FieldPrice.ObjectPoints
            : 0);
        if (price?.ItemsArgument is { } items && _argument(field, items) is System.Collections.ICollection list)
        {
            // Rounded up, so every id costs something.
            points += (int)Math.Ceiling(list.Count * price.PointsPerItem);
        }
        var multiplier = 1;
        if (price?.PageItems is not null)
        {
            multiplier = PageSize(field);
            _pages[field] = new PageCost(multiplier, children.Cost);
        }
        var introspection = name.StartsWith("__", StringComparison.Ordinal) || parent.Name.StartsWith("__", StringComparison.Ordinal);
        return new Summary(
            points + multiplier * children.Cost,
            introspection ? 0 : 1 + children.Depth,
            introspection ? 1 + children.IntrospectionDepth : children.IntrospectionDepth > 0 ? 1 + children.IntrospectionDepth : 0,
            (price?.LoginAttempt == true ? 1 : 0) + multiplier * children.LoginAttempts);
    }

    /// <summary>The page a connection is charged for: first or last, else the default size, within the allowed range.</summary>
    private int PageSize(GraphQLField field)
    {
        var first = Number(_argument(field, "first"));
        var last = Number(_argument(field, "last"));
        var size = first is null && last is null ? PageRequest.DefaultSize : Math.Max(first ?? 0, last ?? 0);
        return Math.Clamp(size, 0, PageRequest.MaxSize);
    }

    private static int? Number(object? value) => value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private IGraphType? TypeNamed(GraphQLTypeCondition condition) => _schema.AllTypes[condition.Type.Name.Value];

    /// <summary>A selection's totals: points per object it is resolved on, depths, login attempts.</summary>
    private readonly record struct Summary(double Cost, int Depth, int IntrospectionDepth, double LoginAttempts)
    {
        public Summary Beside(Summary other) => new(
            Cost + other.Cost,
            Math.Max(Depth, other.Depth),
            Math.Max(IntrospectionDepth, other.IntrospectionDepth),
            LoginAttempts + other.LoginAttempts);
    }
}
