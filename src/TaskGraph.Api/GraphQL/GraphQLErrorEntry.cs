namespace TaskGraph.Api.GraphQL;

public sealed record GraphQLErrorEntry(string Message, GraphQLErrorExtensions Extensions);
