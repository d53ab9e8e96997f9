using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>Posts GraphQL requests to /graphql the way a script would (application/json).</summary>
public static class GraphQLClient
{
    public static async Task<GraphQLResult> GraphQLAsync(this HttpClient client, string query, object? variables = null, string? operationName = null)
    {
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables, operationName });
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResult(response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), response.Headers.TryGetValues("X-Request-ID", out var ids) ? ids.First() : null)
        {
            RetryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int)delta.TotalSeconds : null,
        };
    }

    /// <summary>Runs a query that must succeed and returns its data.</summary>
    public static async Task<JsonElement> QueryAsync(this HttpClient client, string query, object? variables = null)
    {
        var result = await client.GraphQLAsync(query, variables);
        Assert.True(result.Errors.Length == 0, $"Unexpected errors: {result.Root}");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        return result.Data;
    }
}

public sealed record GraphQLResult(HttpStatusCode Status, JsonElement Root, string? RequestId)
{
    public JsonElement Data => Root.GetProperty("data");

    public JsonElement[] Errors => Root.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateArray()] : [];

    public string[] Codes => [.. Errors.Select(e => e.GetProperty("extensions").GetProperty("code").GetString()!)];

    /// <summary>The Retry-After header in seconds, if any.</summary>
    public int? RetryAfter { get; init; }

    /// <summary><c>extensions.cost</c>: requestedQueryCost, actualQueryCost, throttleStatus.</summary>
    public JsonElement Cost => Root.GetProperty("extensions").GetProperty("cost");

    /// <summary>Asserts exactly one error with this code and returns it.</summary>
    public JsonElement SingleError(string code)
    {
        var error = Assert.Single(Errors);
        Assert.Equal(code, error.GetProperty("extensions").GetProperty("code").GetString());
        return error;
    }
}
