using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Jobs;

/// <summary>The Hangfire dashboard at /admin/jobs: admins only, by bearer token or the login cookie; job counts in /metrics.</summary>
public sealed class JobsDashboardTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task The_dashboard_refuses_anonymous_callers_and_users_who_are_not_admins()
    {
        var anonymous = await factory.CreateClient().GetAsync("/admin/jobs");
        var (user, _) = await factory.CreateUserClientAsync();
        var notAdmin = await user.GetAsync("/admin/jobs");
        var notAdminLogin = await PostLoginAsync(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }), user.DefaultRequestHeaders.Authorization!.Parameter!);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAdminLogin.StatusCode);
        Assert.False(notAdminLogin.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_admin_opens_the_dashboard_with_a_bearer_token()
    {
        var admin = await factory.CreateAdminClientAsync();

        var page = await admin.GetAsync("/admin/jobs");
        var servers = await admin.GetAsync("/admin/jobs/servers");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("TaskGraph jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, servers.StatusCode);
    }

    [Fact]
    public async Task A_browser_signs_in_once_with_an_admin_token_and_then_browses_with_the_cookie_only()
    {
        var token = (await factory.CreateAdminClientAsync()).DefaultRequestHeaders.Authorization!.Parameter!;
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var form = await browser.GetAsync("/admin/jobs/login");
        var login = await PostLoginAsync(browser, token);
        var page = await browser.GetAsync("/admin/jobs/jobs/succeeded");
        var elsewhere = await browser.GetAsync("/v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/admin/jobs", login.Headers.Location?.OriginalString);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin/jobs", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // The cookie is the dashboard's only: the API itself still wants the header.
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Metrics_count_jobs_enqueued_and_succeeded()
    {
        var probe = ProbeJob.Create();
        factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<ProbeJob>(job => job.RunAsync(probe.Id, CancellationToken.None));
        await probe.FirstFinished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var client = factory.CreateClient();
        string metrics;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // The success is counted as its state is applied, just after the job's body returns.
        while (!(metrics = await client.GetStringAsync("/metrics", timeout.Token)).Contains("job=\"ProbeJob\",state=\"succeeded\"}", StringComparison.Ordinal))
        {
            await Task.Delay(100, timeout.Token);
        }
        Assert.Contains("job=\"ProbeJob\",state=\"enqueued\"}", metrics, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string token) =>
        client.PostAsync("/admin/jobs/login", new FormUrlEncodedContent([KeyValuePair.Create("token", token)]));
}
