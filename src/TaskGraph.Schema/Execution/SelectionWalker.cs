using System.Globalization;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;

namespace TaskGraph.Schema.Execution;

/// <summary>
/// Walks the fields of the operation being executed (not other operations in the document),
/// following fragments and honouring @skip/@include, with each field's definition. The
/// authorization and limit rules both read it, on fresh and cached documents alike.
/// </summary>
public static class SelectionWalker
{
    /// <summary>Metadata key: the field returns a page whose size is its <c>first</c>/<c>last</c> argument.</summary>
    public const string PagedField = "taskgraph:paged";

    public static List<SelectedField> Walk(ValidationContext context)
    {
        var fields = new List<SelectedField>();
        var operation = context.Operation;
        IGraphType? root = operation.Operation switch
        {
            OperationType.Query => context.Schema.Query,
            OperationType.Mutation => context.Schema.Mutation,
            OperationType.Subscription => context.Schema.Subscription,
            _ => null,
        };
        if (root is not null)
        {
            Walk(context, operation.SelectionSet, root, 1, false, 1, [], fields);
        }
        return fields;
    }

    private static void Walk(
        ValidationContext context, GraphQLSelectionSet selectionSet, IGraphType parent, int depth, bool introspection,
        double multiplier, HashSet<string> fragmentPath, List<SelectedField> fields)
    {
        foreach (var selection in selectionSet.Selections)
        {
            if (!context.ShouldIncludeNode(selection))
            {
                continue;
            }
            switch (selection)
            {
                case GraphQLField field:
                    var name = field.Name.StringValue;
                    var definition = name switch
                    {
                        "__schema" => context.Schema.SchemaMetaFieldType,
                        "__type" => context.Schema.TypeMetaFieldType,
                        "__typename" => context.Schema.TypeNameMetaFieldType,
                        _ => (parent as IComplexGraphType)?.GetField(field.Name.Value),
                    };
                    if (definition is null)
                    {
                        continue; // unknown fields are the spec rules' to report
                    }
                    var isIntrospection = introspection || name.StartsWith("__", StringComparison.Ordinal);
                    fields.Add(new SelectedField(field, definition, depth, isIntrospection, multiplier));
                    if (field.SelectionSet is { } children && definition.ResolvedType?.GetNamedType() is { } type)
                    {
                        Walk(context, children, type, depth + 1, isIntrospection, multiplier * PageSize(context, field, definition), fragmentPath, fields);
                    }
                    break;
                case GraphQLInlineFragment inline:
                    var conditionType = inline.TypeCondition is { } condition ? context.Schema.AllTypes[condition.Type.Name.Value] ?? parent : parent;
                    Walk(context, inline.SelectionSet, conditionType, depth, introspection, multiplier, fragmentPath, fields);
                    break;
                case GraphQLFragmentSpread spread:
                    var fragmentName = spread.FragmentName.Name.StringValue;
                    // A fragment that spreads itself is invalid (the spec rules say so); never loop on it.
                    if (context.Document.FindFragmentDefinition(spread.FragmentName.Name.Value) is { } fragment && fragmentPath.Add(fragmentName))
                    {
                        var fragmentType = context.Schema.AllTypes[fragment.TypeCondition.Type.Name.Value] ?? parent;
                        Walk(context, fragment.SelectionSet, fragmentType, depth, introspection, multiplier, fragmentPath, fields);
                        fragmentPath.Remove(fragmentName);
                    }
                    break;
            }
        }
    }

    /// <summary>How many objects a paged field returns at most: its first/last, else the default page.</summary>
    private static double PageSize(ValidationContext context, GraphQLField field, FieldType definition)
    {
        if (!definition.GetMetadata(PagedField, false))
        {
            return 1;
        }
        var size = Argument(context, field, "first") ?? Argument(context, field, "last") ?? Core.Common.PageRequest.DefaultSize;
        return Math.Clamp(size, 0, Core.Common.PageRequest.MaxSize);
    }

    private static int? Argument(ValidationContext context, GraphQLField field, string name) =>
        field.Arguments?.ValueFor(name) switch
        {
            GraphQLIntValue literal when int.TryParse(literal.Value.Span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) => value,
            // A variable's value is not coerced yet: read what was sent, assume the maximum otherwise.
            GraphQLVariable variable => context.Variables is { } variables
                && variables.TryGetValue(variable.Name.StringValue, out var sent)
                && sent is IConvertible convertible
                    ? ToInt(convertible)
                    : Core.Common.PageRequest.MaxSize,
            _ => null,
        };

    private static int? ToInt(IConvertible value)
    {
        try
        {
            return value.ToInt32(CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            return Core.Common.PageRequest.MaxSize;
        }
    }
}
