using Hangfire.States;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>Webhook delivery on the job engine: the dispatcher that follows the event log, the delivery job, its retry schedule and its guarded HTTP client.</summary>
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services)
    {
        services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<IElectStateFilter, WebhookRetryFilter>();
        services.AddScoped<WebhookDeliveryJob>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHttpClient<WebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan) // each attempt has its own timeout
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false, // a proxy would connect on our behalf, past the address check
                UseCookies = false,
                ConnectCallback = provider.GetRequiredService<WebhookConnector>().ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds),
                PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            });
        return services;
    }
}
