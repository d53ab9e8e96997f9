using TaskGraph.Core.Tasks.Listing;

namespace TaskGraph.Api.Tasks;

/// <summary>GET /v1/tasks in the core's vocabulary, its offset page, and the parameters its <c>Link</c> URLs carry.</summary>
public sealed record TaskListRequest(TaskListQuery Query, int Skip, int Limit, IReadOnlyList<KeyValuePair<string, string?>> LinkParameters);
