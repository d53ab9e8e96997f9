using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TaskGraph.Core.Common;
using TaskGraph.Schema.Execution;

namespace TaskGraph.Schema;

public static class SchemaExtensions
{
    /// <summary>
    /// The schema and everything that runs with it: error codes, limits, authorization, the document
    /// cache. The HTTP endpoint executes with <c>IDocumentExecuter&lt;TaskGraphSchema&gt;</c>.
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
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .UseMiddleware<DomainErrorMiddleware>()
            .AddValidationRule<AuthorizationRule>(useForCachedDocuments: true)
            .AddValidationRule<LimitsRule>(useForCachedDocuments: true)
            .ConfigureExecution<DocumentCache>()
            .AddUnhandledExceptionHandler(context =>
            {
                var logger = context.ExecutionOptions.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("TaskGraph.GraphQL");
                logger?.LogError(context.OriginalException, "GraphQL field {Field} failed.", context.FieldContext?.FieldDefinition.Name ?? "(request)");
            }));
        return services;
    }
}
