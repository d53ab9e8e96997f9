namespace TaskGraph.Api.GraphQL;

public sealed record GraphQLErrorExtensions(string Code, string RequestId);
