using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using TaskGraph.Core.Common;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema.Execution;
using TaskGraph.Schema.Types;

namespace TaskGraph.Schema.Filtering;

/// <summary>
/// Translates <c>where: TaskFilterInput</c> and <c>order: [TaskSortInput!]</c> into an EF Core
/// predicate and sort keys, so filtering runs in the database. Works on the coerced argument
/// dictionaries, where a field sent as null is present and a field left out is absent.
/// </summary>
public static class TaskFilterTranslator
{
    public const int MaxNesting = 5;
    public const int MaxConditions = 50;
    public const int MaxListLength = 100;

    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    public static Expression<Func<TaskItem, bool>> Where(IDictionary<string, object?>? where)
    {
        if (where is null)
        {
            return Predicates.True<TaskItem>();
        }
        var conditions = 0;
        return Build(where, 1, ref conditions);
    }

    public static IReadOnlyList<TaskSort> Order(IEnumerable<object?>? order)
    {
        var sorts = new List<TaskSort>();
        foreach (var entry in order ?? [])
        {
            if (entry is not IDictionary<string, object?> fields || fields.Count == 0 || fields.Values.Any(v => v is null))
            {
                throw DomainException.Invalid("order", "Each order entry sets one field to ASC or DESC.");
            }
            foreach (var (name, direction) in fields)
            {
                var field = name switch
                {
                    "title" => TaskSortField.Title,
                    "createdAt" => TaskSortField.CreatedAt,
                    "updatedAt" => TaskSortField.UpdatedAt,
                    "dueDate" => TaskSortField.DueDate,
                    "priority" => TaskSortField.Priority,
                    "completed" => TaskSortField.Completed,
                    _ => throw DomainException.Invalid("order", $"Cannot sort by {name}."),
                };
                sorts.Add(new TaskSort(field, direction is SortDirection.Descending));
            }
        }
        return sorts;
    }

    private static Expression<Func<TaskItem, bool>> Build(IDictionary<string, object?> where, int depth, ref int conditions)
    {
        if (depth > MaxNesting)
        {
            throw DomainException.Invalid("where", $"Filters nest at most {MaxNesting} deep.");
        }
        var parts = new List<Expression<Func<TaskItem, bool>>>();
        foreach (var (field, value) in where)
        {
            if (value is null)
            {
                continue; // `title: null` sets no condition
            }
            if (++conditions > MaxConditions)
            {
                throw DomainException.Invalid("where", $"A filter has at most {MaxConditions} conditions.");
            }
            switch (field)
            {
                case "and":
                case "or":
                    var nested = new List<Expression<Func<TaskItem, bool>>>();
                    foreach (var item in (IEnumerable)value)
                    {
                        nested.Add(Build((IDictionary<string, object?>)item, depth + 1, ref conditions));
                    }
                    parts.Add(field == "and" ? Predicates.And(nested) : Predicates.Or(nested));
                    break;
                case "title":
                    parts.Add(Text(t => t.Title, Operations(value), "title"));
                    break;
                case "description":
                    parts.Add(Text(t => t.Description, Operations(value), "description"));
                    break;
                case "completed":
                    parts.Add(Comparable(t => t.Completed, Operations(value), "completed", v => (bool)v));
                    break;
                case "priority":
                    parts.Add(Comparable(t => t.Priority, Operations(value), "priority", v => (Priority)v));
                    break;
                case "dueDate":
                    parts.Add(Comparable(t => t.DueDate, Operations(value), "dueDate", v => InputValues.Instant(v)));
                    break;
                case "createdAt":
                    parts.Add(Comparable(t => t.CreatedAt, Operations(value), "createdAt", v => InputValues.Instant(v)!.Value));
                    break;
                case "updatedAt":
                    parts.Add(Comparable(t => t.UpdatedAt, Operations(value), "updatedAt", v => InputValues.Instant(v)!.Value));
                    break;
                case "ownerId":
                    parts.Add(Comparable(t => t.OwnerId, Operations(value), "ownerId", v => Ids.Parse(v, "ownerId")));
                    break;
                default:
                    throw DomainException.Invalid("where", $"Cannot filter by {field}.");
            }
        }
        return Predicates.And(parts);
    }

    private static IDictionary<string, object?> Operations(object value) => (IDictionary<string, object?>)value;

    /// <summary>Text operators: exact eq/neq/in/nin, case-insensitive contains/startsWith.</summary>
    private static Expression<Func<TaskItem, bool>> Text(Expression<Func<TaskItem, string?>> member, IDictionary<string, object?> operations, string field)
    {
        var parts = new List<Expression<Func<TaskItem, bool>>>();
        var parameter = member.Parameters[0];
        foreach (var (operation, value) in operations)
        {
            switch (operation)
            {
                case "eq":
                case "neq":
                    var equal = Expression.Equal(member.Body, value is null ? Expression.Constant(null, typeof(string)) : Predicates.Parameter((string?)value));
                    parts.Add(Lambda(operation == "eq" ? equal : Expression.Not(equal), parameter));
                    break;
                case "in":
                case "nin":
                    var isIn = Lambda(In(member.Body, List(value, field, v => (string?)v)), parameter);
                    parts.Add(operation == "in" ? isIn : Predicates.Not(isIn));
                    break;
                case "contains":
                case "startsWith":
                    var text = (value as string ?? throw DomainException.Invalid(field, $"{operation} needs a value.")).ToLowerInvariant();
                    var lowered = Expression.Call(member.Body, ToLower);
                    var match = Expression.Call(lowered, operation == "contains" ? StringContains : StringStartsWith, Predicates.Parameter(text));
                    parts.Add(Lambda(Expression.AndAlso(Expression.NotEqual(member.Body, Expression.Constant(null, typeof(string))), match), parameter));
                    break;
                default:
                    throw DomainException.Invalid(field, $"Unknown operator {operation}.");
            }
        }
        return Predicates.And(parts);
    }

    /// <summary>eq/neq/gt/gte/lt/lte/in over a value type (enums compare by their number).</summary>
    private static Expression<Func<TaskItem, bool>> Comparable<T>(
        Expression<Func<TaskItem, T>> member, IDictionary<string, object?> operations, string field, Func<object, T> convert)
    {
        var parts = new List<Expression<Func<TaskItem, bool>>>();
        var parameter = member.Parameters[0];
        foreach (var (operation, value) in operations)
        {
            if (operation == "in")
            {
                parts.Add(Lambda(In(member.Body, List(value, field, v => convert(v!))), parameter));
                continue;
            }
            if (value is null)
            {
                if (operation is not ("eq" or "neq"))
                {
                    throw DomainException.Invalid(field, $"{operation} needs a value.");
                }
                if (typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null)
                {
                    // A field that is never null: eq null matches nothing, neq null everything.
                    parts.Add(operation == "eq" ? Predicates.False<TaskItem>() : Predicates.True<TaskItem>());
                    continue;
                }
                var isNull = Expression.Equal(member.Body, Expression.Constant(null, typeof(T)));
                parts.Add(Lambda(operation == "eq" ? isNull : Expression.Not(isNull), parameter));
                continue;
            }
            Expression left = member.Body;
            Expression right = Predicates.Parameter(convert(value));
            var underlying = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            if (underlying.IsEnum)
            {
                // Enums have no < operator; their stored numbers do.
                left = Expression.Convert(left, typeof(int));
                right = Expression.Convert(right, typeof(int));
            }
            Expression body = operation switch
            {
                "eq" => Expression.Equal(left, right),
                "neq" => Expression.NotEqual(left, right),
                "gt" => Expression.GreaterThan(left, right),
                "gte" => Expression.GreaterThanOrEqual(left, right),
                "lt" => Expression.LessThan(left, right),
                "lte" => Expression.LessThanOrEqual(left, right),
                _ => throw DomainException.Invalid(field, $"Unknown operator {operation}."),
            };
            parts.Add(Lambda(body, parameter));
        }
        return Predicates.And(parts);
    }

    private static List<T> List<T>(object? value, string field, Func<object?, T> convert)
    {
        var items = ((IEnumerable?)value ?? throw DomainException.Invalid(field, "in/nin need a list.")).Cast<object?>().Select(convert).ToList();
        return items.Count <= MaxListLength ? items : throw DomainException.Invalid(field, $"in/nin take at most {MaxListLength} values.");
    }

    private static MethodCallExpression In<T>(Expression member, List<T> values) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], Predicates.Parameter(values), member);

    private static Expression<Func<TaskItem, bool>> Lambda(Expression body, ParameterExpression parameter) =>
        Expression.Lambda<Func<TaskItem, bool>>(body, parameter);
}
