namespace TaskGraph.Api.GraphQL;

/// <summary>The body of a /graphql answer that never reached the executer: GraphQL-shaped, as every /graphql error is.</summary>
public sealed record GraphQLErrorBody(IReadOnlyList<GraphQLErrorEntry> Errors);
