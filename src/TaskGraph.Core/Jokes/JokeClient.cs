using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Jokes;

/// <summary>
/// Typed client for the external joke API. Resilience (timeouts, a retry, a circuit breaker) is in
/// the HttpClient pipeline; this class turns every upstream failure into one domain error, so a bad
/// upstream is a 503 and never a 500 or a hang.
/// </summary>
public sealed class JokeClient(HttpClient http, ILogger<JokeClient> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<Joke> GetRandomAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("random_joke", cancellationToken);
            response.EnsureSuccessStatusCode();
            var joke = await response.Content.ReadFromJsonAsync<UpstreamJoke>(Json, cancellationToken);
            if (joke is not { Setup.Length: > 0, Punchline.Length: > 0 })
            {
                throw new JsonException("The joke API answered without a setup or punchline.");
            }
            return new Joke(joke.Id, joke.Type ?? "general", joke.Setup, joke.Punchline);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsUpstreamFailure(ex))
        {
            logger.LogWarning(ex, "Joke API call failed: {Reason}", ex.GetType().Name);
            throw new DomainException(ErrorKind.UpstreamUnavailable, "The joke service is unavailable right now. Try again later.");
        }
    }

    private static bool IsUpstreamFailure(Exception ex) =>
        ex is HttpRequestException or JsonException or TimeoutRejectedException or BrokenCircuitException
            or TaskCanceledException or NotSupportedException;

    private sealed record UpstreamJoke(int Id, string? Type, string? Setup, string? Punchline);
}
