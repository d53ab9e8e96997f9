using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks.Listing;

/// <summary>Turns a <see cref="TaskFilter"/> into one EF Core predicate: filtering runs in the database, values as SQL parameters.</summary>
public static class TaskFilterExpressions
{
    private static readonly MethodInfo ToLower = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    public static Expression<Func<TaskItem, bool>> Predicate(TaskFilter filter)
    {
        var parts = filter.Conditions.Select(Condition).ToList();
        if (filter.And is { } and)
        {
            parts.AddRange(and.Select(Predicate));
        }
        if (filter.Or is { } or)
        {
            parts.Add(Predicates.Or(or.Select(Predicate)));
        }
        return Predicates.And(parts);
    }

    private static Expression<Func<TaskItem, bool>> Condition(TaskCondition condition) => condition.Field switch
    {
        TaskField.Title => Text(t => t.Title, condition),
        TaskField.Description => Text(t => t.Description, condition),
        TaskField.Completed => Compare(t => t.Completed, condition),
        TaskField.Priority => Compare(t => t.Priority, condition),
        TaskField.DueDate => Compare(t => t.DueDate, condition),
        TaskField.CreatedAt => Compare(t => t.CreatedAt, condition),
        TaskField.UpdatedAt => Compare(t => t.UpdatedAt, condition),
        TaskField.OwnerId => Compare(t => t.OwnerId, condition),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Field, "Unknown field."),
    };

    /// <summary>Text: exact eq/neq/in/nin; contains/startsWith ignore case (lower() on both sides, on every provider).</summary>
    private static Expression<Func<TaskItem, bool>> Text(Expression<Func<TaskItem, string?>> member, TaskCondition condition)
    {
        var parameter = member.Parameters[0];
        switch (condition.Operator)
        {
            case FilterOperator.Eq or FilterOperator.Neq:
                var equal = Expression.Equal(member.Body, Predicates.Parameter((string?)condition.Value));
                return Lambda(condition.Operator == FilterOperator.Eq ? equal : Expression.Not(equal), parameter);
            case FilterOperator.In or FilterOperator.Nin:
                var isIn = Lambda(In(member.Body, Values<string?>(condition.Value)), parameter);
                return condition.Operator == FilterOperator.In ? isIn : Predicates.Not(isIn);
            default:
                var text = ((string)condition.Value!).ToLowerInvariant();
                var lowered = Expression.Call(member.Body, ToLower);
                var match = Expression.Call(lowered, condition.Operator == FilterOperator.Contains ? StringContains : StringStartsWith, Predicates.Parameter(text));
                return Lambda(Expression.AndAlso(Expression.NotEqual(member.Body, Expression.Constant(null, typeof(string))), match), parameter);
        }
    }

    /// <summary>eq/neq/gt/gte/lt/lte/in over a value type; enums compare by their stored number.</summary>
    private static Expression<Func<TaskItem, bool>> Compare<T>(Expression<Func<TaskItem, T>> member, TaskCondition condition)
    {
        var parameter = member.Parameters[0];
        if (condition.Operator == FilterOperator.In)
        {
            return Lambda(In(member.Body, Values<T>(condition.Value)), parameter);
        }
        if (condition.Value is null)
        {
            if (Nullable.GetUnderlyingType(typeof(T)) is null)
            {
                // A field that is never null: eq null matches nothing, neq null everything.
                return condition.Operator == FilterOperator.Eq ? Predicates.False<TaskItem>() : Predicates.True<TaskItem>();
            }
            var isNull = Expression.Equal(member.Body, Expression.Constant(null, typeof(T)));
            return Lambda(condition.Operator == FilterOperator.Eq ? isNull : Expression.Not(isNull), parameter);
        }
        Expression left = member.Body;
        Expression right = Predicates.Parameter((T)Value(condition.Value));
        if ((Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T)).IsEnum)
        {
            left = Expression.Convert(left, typeof(int));
            right = Expression.Convert(right, typeof(int));
        }
        Expression body = condition.Operator switch
        {
            FilterOperator.Eq => Expression.Equal(left, right),
            FilterOperator.Neq => Expression.NotEqual(left, right),
            FilterOperator.Gt => Expression.GreaterThan(left, right),
            FilterOperator.Gte => Expression.GreaterThanOrEqual(left, right),
            FilterOperator.Lt => Expression.LessThan(left, right),
            FilterOperator.Lte => Expression.LessThanOrEqual(left, right),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, "Not an operator of this field."),
        };
        return Lambda(body, parameter);
    }

    /// <summary>Instants compare as UTC, whatever kind the face handed over.</summary>
    private static object Value(object value) => value is DateTime instant ? UtcDateTime.AsUtc(instant) : value;

    private static List<T> Values<T>(object? list) => ((IEnumerable)list!).Cast<object?>().Select(v => v is null ? default! : (T)Value(v)).ToList();

    private static MethodCallExpression In<T>(Expression member, List<T> values) =>
        Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], Predicates.Parameter(values), member);

    private static Expression<Func<TaskItem, bool>> Lambda(Expression body, ParameterExpression parameter) =>
        Expression.Lambda<Func<TaskItem, bool>>(body, parameter);
}
