namespace TaskGraph.Core.Common;

public sealed record Edge<T>(string Cursor, T Node);
