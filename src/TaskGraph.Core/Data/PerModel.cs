using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TaskGraph.Core.Data;

/// <summary>
/// A compiled query per EF Core model. EF binds a compiled query to the first model it runs with, and
/// one process can hold several (hosts side by side whose options differ, e.g. by a materialization
/// interceptor): a static compiled query would then throw on every other model.
/// </summary>
internal sealed class PerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _compiled = new();

    public TQuery For(DbContext context) => _compiled.GetValue(context.Model, _ => compile());
}
