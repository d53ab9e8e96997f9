using System.Net.Http.Json;
using System.Text.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Observability;

public sealed class LoggingTests(LoggingTaskGraphFactory factory) : IClassFixture<LoggingTaskGraphFactory>
{
    [Fact]
    public async Task Every_log_line_is_a_json_object_with_the_contract_fields()
    {
        var (client, user) = await factory.CreateUserClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
        request.Headers.Add("X-Request-ID", "log-test-123");
        await client.SendAsync(request);

        var requestLine = await factory.Logs.RequestLineAsync("log-test-123");

        Assert.All(factory.Logs.Lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.All(factory.Logs.Entries, entry =>
        {
            Assert.True(DateTimeOffset.TryParse(entry.GetProperty("timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Contains(entry.GetProperty("level").GetString(), new[] { "debug", "info", "warning", "error", "fatal" });
            Assert.True(entry.TryGetProperty("message", out _));
            Assert.True(entry.TryGetProperty("request_id", out _));
            Assert.True(entry.TryGetProperty("trace_id", out _));
        });
        Assert.Equal("GET", requestLine.GetProperty("method").GetString());
        Assert.Equal("/v1/tasks", requestLine.GetProperty("path").GetString());
        Assert.Equal(200, requestLine.GetProperty("status").GetInt32());
        Assert.True(requestLine.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.Equal(user.Id, requestLine.GetProperty("user_id").GetInt32());
        Assert.Matches("^[0-9a-f]{32}$", requestLine.GetProperty("trace_id").GetString());
        Assert.Equal("GET /v1/tasks responded 200 in " + requestLine.GetProperty("duration_ms").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " ms",
            requestLine.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Passwords_tokens_and_authorization_headers_never_reach_the_logs()
    {
        const string password = "Sup3r-Secret-Passw0rd";
        var client = factory.CreateClient();
        await client.PostAsJsonAsync("/v1/auth/register", new { username = "log_secret", email = "log-secret@example.com", password });
        var token = await TaskGraphFactory.LoginAsync(client, "log_secret", password);
        await client.GetAsync("/v1/tasks");
        await client.PostAsJsonAsync("/v1/auth/login", new { username = "log_secret", password = password + "-wrong" });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token + "tampered");
        using var last = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks");
        last.Headers.Add("X-Request-ID", "log-secret-last");
        await client.SendAsync(last);
        await factory.Logs.RequestLineAsync("log-secret-last");

        var all = string.Join('\n', factory.Logs.Lines);
        Assert.Contains("/v1/auth/login", all, StringComparison.Ordinal); // the requests were logged…
        Assert.DoesNotContain(password, all, StringComparison.Ordinal); // …but not their secrets
        Assert.DoesNotContain(token, all, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], all, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer ey", all, StringComparison.Ordinal);
    }
}
