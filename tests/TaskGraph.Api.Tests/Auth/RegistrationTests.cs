using System.Net;
using System.Net.Http.Json;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Auth;

public sealed class RegistrationTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Register_returns_201_with_the_user_and_always_role_user()
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/register",
            new { username = "Grace.Hopper", email = "grace@example.com", password = "compilers!", role = "admin" });

        var user = await response.ReadAsync<UserDto>(HttpStatusCode.Created);
        Assert.True(user.Id > 0);
        Assert.Equal("Grace.Hopper", user.Username);
        Assert.Equal("grace@example.com", user.Email);
        Assert.Equal("user", user.Role);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", user.CreatedAt);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("DUPLICATE_name", "other1@example.com")]
    [InlineData("other_name", "Dup@Example.com")]
    public async Task Register_rejects_a_taken_username_or_email_case_insensitively_with_409(string username, string email)
    {
        var first = await _client.PostAsJsonAsync("/v1/auth/register", new { username = "duplicate_name", email = "dup@example.com", password = "password-1" });
        Assert.True(first.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);

        var response = await _client.PostAsJsonAsync("/v1/auth/register", new { username, email, password = "password-1" });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("ab", "a@example.com", "password-1", "username")]
    [InlineData("has space", "b@example.com", "password-1", "username")]
    [InlineData("valid_name1", "not-an-email", "password-1", "email")]
    [InlineData("valid_name2", "c@example.com", "short", "password")]
    [InlineData("valid_name3", "d@example.com", null, "password")]
    public async Task Register_validates_fields_with_422_naming_the_field(string username, string email, string? password, string field)
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/register", new { username, email, password });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.Errors!.Keys);
    }

    [Fact]
    public async Task A_password_over_72_utf8_bytes_is_422_not_silently_truncated()
    {
        var seventyTwoBytes = new string('é', 36); // 2 bytes each
        var ok = await _client.PostAsJsonAsync("/v1/auth/register", new { username = "bytes_ok", email = "bytes-ok@example.com", password = seventyTwoBytes });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);

        var tooLong = await _client.PostAsJsonAsync("/v1/auth/register", new { username = "bytes_long", email = "bytes-long@example.com", password = seventyTwoBytes + "x" });

        var problem = await tooLong.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("72", problem.Errors!["password"][0], StringComparison.Ordinal);
    }
}
