using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Core.Jokes;

namespace TaskGraph.Api.Jokes;

public static class JokeEndpoints
{
    /// <summary>
    /// Kept at the original service's path. A literal segment outranks /v1/tasks/{id:int} in routing
    /// (and is not an int), so it can never be shadowed the way the original's was.
    /// </summary>
    public static IEndpointRouteBuilder MapJokes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/tasks/external-joke", async Task<Ok<Joke>> (JokeClient jokes, CancellationToken cancellationToken) =>
                TypedResults.Ok(await jokes.GetRandomAsync(cancellationToken)))
            .AllowAnonymous()
            .WithTags("Jokes")
            .WithName("getExternalJoke")
            .WithSummary("A random joke from the external joke API")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }
}
