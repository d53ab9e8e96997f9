namespace TaskGraph.Api.Caching;

/// <summary>A cached list read as the client received it: the body and the headers that go with it (paging).</summary>
public sealed record CachedResponse(string Body, IReadOnlyDictionary<string, string> Headers);
