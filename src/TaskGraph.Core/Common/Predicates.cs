using System.Linq.Expressions;

namespace TaskGraph.Core.Common;

/// <summary>Builds predicates EF Core translates to SQL: combined without Invoke, values as parameters.</summary>
public static class Predicates
{
    public static Expression<Func<T, bool>> True<T>() => _ => true;

    public static Expression<Func<T, bool>> False<T>() => _ => false;

    public static Expression<Func<T, bool>> And<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        Combine(predicates, Expression.AndAlso, True<T>());

    public static Expression<Func<T, bool>> Or<T>(IEnumerable<Expression<Func<T, bool>>> predicates) =>
        Combine(predicates, Expression.OrElse, False<T>());

    public static Expression<Func<T, bool>> Not<T>(Expression<Func<T, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(Expression.Not(predicate.Body), predicate.Parameters);

    /// <summary>
    /// A value EF Core sends as a SQL parameter (a member of a constant, like a captured variable),
    /// so each distinct value does not compile a new query plan.
    /// </summary>
    public static Expression Parameter<TValue>(TValue value) =>
        Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));

    /// <summary>Replaces a lambda's parameter, to reuse a member selector inside another lambda.</summary>
    public static Expression Rebind(LambdaExpression selector, ParameterExpression parameter) =>
        new ParameterReplacer(selector.Parameters[0], parameter).Visit(selector.Body);

    private static Expression<Func<T, bool>> Combine<T>(
        IEnumerable<Expression<Func<T, bool>>> predicates, Func<Expression, Expression, BinaryExpression> combine, Expression<Func<T, bool>> empty)
    {
        var parameter = Expression.Parameter(typeof(T), "t");
        Expression? body = null;
        foreach (var predicate in predicates)
        {
            var next = Rebind(predicate, parameter);
            body = body is null ? next : combine(body, next);
        }
        return body is null ? empty : Expression.Lambda<Func<T, bool>>(body, parameter);
    }

    private sealed class Box<TValue>(TValue value)
    {
        public TValue Value { get; } = value;
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
