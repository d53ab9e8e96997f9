using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace TaskGraph.Schema.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>
    /// The schema and everything that runs with it: error codes, limits, authorization, the document
    /// cache. The HTTP endpoint executes with <c>IDocumentExecuter&lt;TaskGraphSchema&gt;</c>.
    /// </summary>
    public static IServiceCollection AddTaskGraphGraphQL(this IServiceCollection services)
    {
        services.AddGraphQL(graphql => graphql
            .AddSchema<TaskGraphSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TaskGraphSchema).Assembly));
        return services;
    }
}
