using System.Net;
using System.Net.Http.Json;
using System.Text;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Errors;

/// <summary>Input a client controls never produces a 500 or a surprise: each class answered as the contract says.</summary>
public sealed class HostileInputTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Theory]
    [InlineData("/v1/auth/login", "application/json; charset=bogus")]
    [InlineData("/v1/auth/register", "application/json; charset=utf-16")]
    [InlineData("/v1/tasks", "application/json; charset=latin1")]
    [InlineData("/v1/auth/login", "application/x-www-form-urlencoded; charset=bogus")]
    public async Task A_body_in_another_charset_than_UTF8_is_415(string path, string contentType)
    {
        var (client, _) = await factory.CreateUserClientAsync();
        var content = new StringContent("""{"username":"someone","password":"password-123","title":"t"}""", Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await client.PostAsync(path, content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("UTF-8", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_UTF8_charset_is_accepted_in_any_case()
    {
        await factory.CreateUserClientAsync("charset_user", "password-123");
        var content = new StringContent("""{"username":"charset_user","password":"password-123"}""", Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=UTF-8");

        var response = await factory.CreateClient().PostAsync("/v1/auth/login", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_control_character_in_a_form_field_is_422()
    {
        var response = await factory.CreateClient().PostAsync("/v1/auth/login",
            new StringContent("username=a%00b&password=password-123", Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem.Errors);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u001b[31m")]
    public async Task Control_characters_in_JSON_text_are_422_naming_the_field(string control)
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var login = await client.PostAsJsonAsync("/v1/auth/login", new { username = $"someone{control}", password = $"password{control}" });
        var task = await client.PostAsJsonAsync("/v1/tasks", new { title = $"title{control}", description = $"line one\nline two{control}" });
        var register = await client.PostAsJsonAsync("/v1/auth/register", new { username = "ctl_user", email = $"ctl{control}@example.com", password = "password-123" });

        Assert.Equal(["password", "username"], (await login.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys.Order());
        Assert.Equal(["description", "title"], (await task.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys.Order());
        Assert.Equal(["email"], (await register.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).Errors!.Keys);
    }

    [Fact]
    public async Task A_NUL_in_a_search_or_a_filter_is_never_a_500()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var rest = await client.GetAsync("/v1/tasks?q=a%00b");
        var graphQL = await client.GraphQLAsync("{ tasks(where: {title: {contains: \"a\\u0000b\"}}) { totalCount } }");

        Assert.True(rest.StatusCode < HttpStatusCode.InternalServerError, $"{(int)rest.StatusCode}: {await rest.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain("INTERNAL_ERROR", graphQL.Codes);
    }

    [Fact]
    public async Task A_description_keeps_its_tabs_and_line_breaks()
    {
        var (client, _) = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/v1/tasks", new { title = "multi-line", description = "one\ttab\r\ntwo\nthree" });

        Assert.Equal("one\ttab\r\ntwo\nthree", (await response.ReadAsync<TaskDto>(HttpStatusCode.Created)).Description);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("form")]
    public async Task Missing_login_fields_are_422_naming_each_field(string format)
    {
        HttpContent body = format == "json"
            ? JsonContent.Create(new { username = "", password = (string?)null })
            : new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" });

        var response = await factory.CreateClient().PostAsync("/v1/auth/login", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["password", "username"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task Login_fields_are_a_VALIDATION_ERROR_on_GraphQL_too()
    {
        var result = await factory.CreateClient().GraphQLAsync("mutation { login(input: {username: \"\", password: \"\"}) { accessToken } }");

        var error = result.SingleError("VALIDATION_ERROR");
        Assert.Equal("username", error.GetProperty("extensions").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_password_registered_at_72_bytes_never_matches_itself_with_more_appended_and_bcrypt_never_sees_it()
    {
        var password = new string('é', 36); // 72 bytes in UTF-8
        await factory.CreateUserClientAsync("exactly_72", password);
        var client = factory.CreateClient();
        using var verifications = factory.CountPasswordVerifications();

        var longer = await client.PostAsJsonAsync("/v1/auth/login", new { username = "exactly_72", password = password + "x" });
        var checkedCount = verifications.Count();
        var exact = await client.PostAsJsonAsync("/v1/auth/login", new { username = "exactly_72", password });

        await longer.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, checkedCount);
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
    }

    [Fact]
    public async Task Links_never_take_their_host_from_the_Host_header()
    {
        var (client, _) = await factory.CreateUserClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tasks?limit=1");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        var link = response.Headers.GetValues("Link").Single();
        Assert.DoesNotContain("evil.example", link, StringComparison.Ordinal);
        Assert.Contains("</v1/tasks?skip=0&limit=1>; rel=\"first\"", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_use_the_configured_public_base_url()
    {
        using var configured = new TaskGraphFactory();
        configured.Settings["PublicUrl:BaseUrl"] = "https://api.example.com/";
        var admin = await configured.CreateAdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users?limit=1");
        request.Headers.Host = "evil.example";

        var response = await admin.SendAsync(request);

        Assert.Contains("<https://api.example.com/v1/users?skip=0&limit=1>; rel=\"first\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_base_url_that_is_not_an_absolute_http_url_stops_start_up()
    {
        using var misconfigured = new TaskGraphFactory();
        misconfigured.Settings["PublicUrl:BaseUrl"] = "api.example.com";

        var exception = misconfigured.StartupError();

        Assert.NotNull(exception);
        Assert.Contains("PublicUrl:BaseUrl", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_problem_has_a_type()
    {
        using var limited = new TaskGraphFactory().WithAuthRateLimit(1);
        var client = limited.CreateClient();
        await client.PostAsJsonAsync("/v1/auth/login", new { username = "nobody", password = "password-123" });

        var response = await client.PostAsJsonAsync("/v1/auth/login", new { username = "nobody", password = "password-123" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", problem.Type);
    }
}
