namespace TaskGraph.Core.Tasks;

/// <summary>The simple filters of the REST list (GraphQL's <c>where</c> is richer and builds its own predicate).</summary>
public sealed record TaskFilter(bool? Completed = null, Priority? Priority = null, string? Text = null, int? OwnerId = null);
