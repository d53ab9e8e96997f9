using TaskGraph.Api.GraphQL.Subscriptions;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.GraphQL;

public static class GraphQLExtensions
{
    /// <summary>The three transports of /graphql (HTTP, WebSocket, Server-Sent Events) and the one execution they share.</summary>
    public static IServiceCollection AddGraphQLTransports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SubscriptionOptions>(configuration, SubscriptionOptions.SectionName);
        services.AddSingleton<GraphQLExecution>();
        services.AddSingleton<SubscriptionLimiter>();
        services.AddSingleton<GraphQLWebSocketHandler>();
        services.AddSingleton<GraphQLSseHandler>();
        return services;
    }

    /// <summary>WebSocket upgrades for subscriptions at /graphql; keep-alives are set per socket when it is accepted.</summary>
    public static IApplicationBuilder UseGraphQLWebSockets(this IApplicationBuilder app) => app.UseWebSockets();
}
