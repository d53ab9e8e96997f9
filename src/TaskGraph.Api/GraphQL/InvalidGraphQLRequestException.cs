namespace TaskGraph.Api.GraphQL;

/// <summary>A request that is not a GraphQL-over-HTTP request at all: the endpoint answers 400 with this message.</summary>
public sealed class InvalidGraphQLRequestException(string message) : Exception(message);
