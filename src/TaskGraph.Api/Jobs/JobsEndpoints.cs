using System.Net.Mime;
using Hangfire;
using TaskGraph.Api.Auth;

namespace TaskGraph.Api.Jobs;

/// <summary>
/// The Hangfire dashboard at <c>/admin/jobs</c>, for admins only (the admin policy, checked with the
/// user's current role on every request). Scripts send their bearer token; a browser posts an admin's
/// access token once to <c>/admin/jobs/login</c>, which keeps it in a cookie that only the dashboard's
/// paths receive and that expires with the token.
/// </summary>
public static class JobsEndpoints
{
    private const string CookieName = "taskgraph_jobs";
    private const string LoginPath = JobOptions.DashboardPath + "/login";
    private const string TokenField = "token";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboardWithAuthorizationPolicy(AuthExtensions.AdminPolicy, JobOptions.DashboardPath, new DashboardOptions
        {
            DashboardTitle = "TaskGraph jobs",
            AppPath = null,
            DisplayStorageConnectionString = false,
        });
        app.MapGet(LoginPath, () => TypedResults.Content(LoginPage, MediaTypeNames.Text.Html))
            .ExcludeFromDescription();
        app.MapPost(LoginPath, (HttpContext http) =>
            {
                var token = http.Request.Form[TokenField].ToString();
                http.Response.Cookies.Append(CookieName, token, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Strict,
                    Path = JobOptions.DashboardPath,
                    Expires = http.User.FindFirst("exp") is { } exp && long.TryParse(exp.Value, out var seconds)
                        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                        : null,
                });
                return TypedResults.Redirect(JobOptions.DashboardPath);
            })
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The token a dashboard request carries without a bearer header: the login form's field, else the cookie.</summary>
    internal static async Task<string?> DashboardTokenAsync(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(JobOptions.DashboardPath))
        {
            return null;
        }
        if (http.Request.Path.Equals(LoginPath, StringComparison.Ordinal) && HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return form[TokenField] is [{ Length: > 0 } token] ? token : null;
        }
        return http.Request.Cookies[CookieName] is { Length: > 0 } cookie ? cookie : null;
    }

    private const string LoginPage = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>TaskGraph jobs: sign in</title></head>
        <body>
        <h1>TaskGraph jobs</h1>
        <p>Paste an admin's access token (<code>POST /v1/auth/login</code>); it is kept in a cookie for this dashboard until it expires.</p>
        <form method="post" action="/admin/jobs/login">
        <textarea name="token" rows="6" cols="80" required></textarea>
        <p><button type="submit">Open the dashboard</button></p>
        </form>
        </body>
        </html>
        """;
}
