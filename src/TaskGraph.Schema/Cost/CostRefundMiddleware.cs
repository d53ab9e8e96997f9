using GraphQL;
using GraphQL.Instrumentation;

namespace TaskGraph.Schema.Cost;

/// <summary>
/// A connection is charged for a full page before it runs; when the page comes back shorter, the
/// points of the missing items are given back, so <c>actualQueryCost</c> is what the operation used.
/// </summary>
public sealed class CostRefundMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var result = await next(context);
        if (context.FieldDefinition.GetMetadata<FieldPrice?>(FieldPrice.Key) is { PageItems: { } count }
            && OperationCost.Of(context.UserContext) is { } cost
            && cost.Pages.TryGetValue(context.FieldAst, out var page)
            && count(result) is { } items)
        {
            cost.GiveBack(Math.Max(0, page.Size - items) * page.ItemPoints);
        }
        return result;
    }
}
