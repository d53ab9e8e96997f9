namespace TaskGraph.Api.Health;

/// <summary>
/// <c>dotnet TaskGraph.Api.dll healthcheck [url]</c>: exits 0 when the readiness endpoint answers 2xx.
/// The container's HEALTHCHECK uses it because the runtime image has no curl or wget.
/// </summary>
public static class HealthProbe
{
    public const string Command = "healthcheck";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health/ready";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"health check failed: {ex.Message}");
            return 1;
        }
    }
}
