using GraphQL;
using GraphQLParser.AST;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskGraph.Core.Common;
using TaskGraph.Schema.Cost;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema;

public static class SchemaExtensions
{
    /// <summary>
    /// The schema and everything that runs with it: error codes, the document caps and cache, the
    /// price and authorization of each operation, the cost budget and <c>extensions.cost</c>. Every
    /// transport executes with <c>IDocumentExecuter&lt;TaskGraphSchema&gt;</c> and so gets all of it;
    /// the host supplies the budgets (<see cref="IOperationThrottle"/>).
    /// </summary>
    public static IServiceCollection AddGraphQLSchema(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GraphQLOptions>(configuration, GraphQLOptions.SectionName);
        services.AddHttpContextAccessor();
        services.AddScoped<UserBatchLoader>();
        services.AddScoped<TaskConnectionResolver>();

        services.AddGraphQL(graphql => graphql
            .AddSchema<TaskGraphSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TaskGraphSchema).Assembly)
            .AddErrorInfoProvider<TaskGraphErrorInfoProvider>()
            // One DbContext per request is not thread-safe: resolve query fields one at a time.
            .AddExecutionStrategy<CachingExecutionStrategy>(OperationType.Query)
            // Each subscription event runs in a service scope of its own, one field at a time.
            .AddScopedSubscriptionExecutionStrategy()
            .UseMiddleware<DomainErrorMiddleware>()
            .UseMiddleware<CostRefundMiddleware>()
            .AddValidationRule<OperationPricingRule>(useForCachedDocuments: true)
            .AddDocumentListener<CostThrottleListener>()
            .ConfigureExecution<CostReporting>()
            .ConfigureExecution<DocumentGate>()
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("TaskGraph.GraphQL");
                logger?.LogError(context.OriginalException, "GraphQL field {Field} failed.", context.FieldContext?.FieldDefinition.Name ?? "(request)");
            }));
        return services;
    }
}
