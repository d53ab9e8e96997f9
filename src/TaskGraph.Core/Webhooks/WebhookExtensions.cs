using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Common;

namespace TaskGraph.Core.Webhooks;

public static class WebhookExtensions
{
    /// <summary>Webhook management and secret protection; delivery is the host's (it runs on the job engine).</summary>
    public static IServiceCollection AddWebhookSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebhookOptions>(configuration, WebhookOptions.SectionName);
        services.AddOptions<WebhookSecretKeyOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName));
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookSubscriptions>();
        return services;
    }
}
