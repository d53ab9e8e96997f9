using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Webhooks;

namespace TaskGraph.Api.Webhooks;

/// <summary>
/// Sends one signed Standard Webhooks request: POST JSON with <c>webhook-id</c>,
/// <c>webhook-timestamp</c> and <c>webhook-signature</c>; 2xx is delivered, anything else (a redirect
/// too: redirects are not followed) a failure. Each attempt has its own timeout, connection included.
/// </summary>
public sealed class WebhookSender(HttpClient http, IOptions<WebhookOptions> options, TimeProvider time)
{
    public async Task<WebhookAttempt> SendAsync(Uri url, string messageId, string secret, string body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, messageId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TaskGraph-Webhooks", "1.0"));

        var timeout = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(WebhookDeliveryStatus.Delivered, status, Stopwatch.GetElapsedTime(started), null)
                : new WebhookAttempt(WebhookDeliveryStatus.Failed, status, Stopwatch.GetElapsedTime(started), $"The receiver answered {status}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(WebhookDeliveryStatus.Failed, null, Stopwatch.GetElapsedTime(started), $"No answer within {timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is WebhookAddressRefusedException refused)
        {
            return new WebhookAttempt(WebhookDeliveryStatus.Refused, null, Stopwatch.GetElapsedTime(started), refused.Message);
        }
        catch (HttpRequestException exception)
        {
            // The error category only: the exception's message may carry the whole URL.
            return new WebhookAttempt(WebhookDeliveryStatus.Failed, null, Stopwatch.GetElapsedTime(started), $"The request failed: {exception.HttpRequestError}.");
        }
    }
}
