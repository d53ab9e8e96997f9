using System.Globalization;
using System.Net;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.RateLimiting;

public static class RateLimitAssertions
{
    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>A 429 as the contract has it: Retry-After within the window, a problem body saying how long, and retry_after.</summary>
    public static async Task<int> AssertTooManyRequestsAsync(this HttpResponseMessage response, int periodSeconds)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(response.Header("Retry-After")!, CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, periodSeconds);
        Assert.Contains($"{retryAfter} seconds", problem.Detail, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Number, body.RootElement.GetProperty("retry_after").ValueKind);
        Assert.Equal(retryAfter, body.RootElement.GetProperty("retry_after").GetInt32());
        Assert.Equal("0", response.Header("X-RateLimit-Remaining"));
        return retryAfter;
    }

    /// <summary>
    /// Sends until one request is limited and returns its Retry-After. Counting on the N+1st request
    /// to be limited would flake on a loaded machine, where N requests can outlast a short window.
    /// </summary>
    public static async Task<int> SendUntilLimitedAsync(Func<Task<HttpResponseMessage>> send, int periodSeconds)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return await response.AssertTooManyRequestsAsync(periodSeconds);
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        throw new Xunit.Sdk.XunitException("50 requests in a row were not limited.");
    }

    public static async Task<HttpStatusCode[]> SendConcurrentlyAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(send));
        return responses.Select(r => r.StatusCode).ToArray();
    }
}
