using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Jokes;

public static class JokeExtensions
{
    public static IServiceCollection AddJokes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<JokeOptions>(configuration, JokeOptions.SectionName);

        // JokeClient logs each failed call once, with its reason; Polly would add a line per attempt and
        // per retry. Those go to Debug (metrics still count them); an opening circuit stays a warning.
        services.Configure<TelemetryOptions>(telemetry => telemetry.SeverityProvider = args =>
            args.Source.PipelineName?.StartsWith(nameof(JokeClient), StringComparison.Ordinal) == true && args.Event.EventName != "OnCircuitOpened"
                ? ResilienceEventSeverity.Debug
                : args.Event.Severity);

        services.AddHttpClient<JokeClient>((provider, http) =>
            {
                var baseUrl = provider.GetRequiredService<IOptions<JokeOptions>>().Value.BaseUrl;
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
                // The resilience pipeline owns timing; this only bounds a pipeline bug.
                http.Timeout = TimeSpan.FromSeconds(30);
            })
            .AddResilienceHandler("joke-api", (pipeline, context) =>
            {
                var total = TimeSpan.FromSeconds(context.ServiceProvider.GetRequiredService<IOptions<JokeOptions>>().Value.TimeoutSeconds);
                // Outermost: the whole call, retry included, never exceeds the total.
                pipeline.AddTimeout(total);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Constant,
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 5,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is not null || args.Outcome.Result?.StatusCode >= HttpStatusCode.InternalServerError),
                });
                // Each attempt gets half the budget, so one slow attempt still leaves room for the retry.
                pipeline.AddTimeout(total / 2);
            });
        return services;
    }
}
