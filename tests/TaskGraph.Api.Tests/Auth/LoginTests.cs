using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Auth;

public sealed class LoginTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task Login_with_json_returns_an_oauth2_bearer_token_that_authenticates_me()
    {
        var alice = await factory.CreateUserClientAsync("alice_json", "wonderland-1");
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/v1/auth/login", new { username = "ALICE_JSON", password = "wonderland-1" });

        var token = await response.ReadAsync<TokenDto>();
        Assert.Equal("bearer", token.TokenType);
        Assert.Equal(3600, token.ExpiresIn);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        var me = await (await client.GetAsync("/v1/auth/me")).ReadAsync<UserDto>();
        Assert.Equal(alice.User.Id, me.Id);
        Assert.Equal("alice_json", me.Username);
    }

    [Fact]
    public async Task Login_accepts_oauth2_password_form_fields()
    {
        await factory.CreateUserClientAsync("form_user", "form-password");
        var client = factory.CreateClient();

        var response = await client.PostAsync("/v1/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "form_user",
            ["password"] = "form-password",
        }));

        var token = await response.ReadAsync<TokenDto>();
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
    }

    [Fact]
    public async Task Bad_credentials_are_401_with_the_same_body_whether_or_not_the_user_exists()
    {
        await factory.CreateUserClientAsync("known_user", "right-password");
        var client = factory.CreateClient();

        var wrongPassword = await client.PostAsJsonAsync("/v1/auth/login", new { username = "known_user", password = "wrong-password" });
        var unknownUser = await client.PostAsJsonAsync("/v1/auth/login", new { username = "nobody_here", password = "wrong-password" });

        var first = await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized);
        var second = await unknownUser.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(first with { RequestId = null }, second with { RequestId = null, Instance = first.Instance });
        Assert.Equal("Incorrect username or password.", first.Detail);
    }

    [Fact]
    public async Task Me_without_a_token_is_401_with_www_authenticate_bearer()
    {
        var response = await factory.CreateClient().GetAsync("/v1/auth/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string, string> BadTokens => new()
    {
        { "garbage", "not-a-jwt" },
        { "wrong key", Token(key: "another-signing-key-that-is-32-bytes-or-more") },
        { "wrong issuer", Token(issuer: "someone-else") },
        { "wrong audience", Token(audience: "another-api") },
        { "expired beyond the 30 s skew", Token(expires: DateTime.UtcNow.AddMinutes(-2)) },
        { "unknown user", Token(subject: "999999") },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Invalid_tokens_are_401(string reason, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/v1/tasks");

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, reason);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task A_well_formed_token_for_an_existing_user_is_accepted()
    {
        var user = await factory.CreateUserClientAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject: user.User.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var response = await client.GetAsync("/v1/auth/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Token(string key = TaskGraphFactory.TestSecretKey, string issuer = "taskgraph", string audience = "taskgraph-api", DateTime? expires = null, string subject = "1")
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var token = new JwtSecurityToken(
            issuer,
            audience,
            [new Claim("sub", subject), new Claim("role", "user")],
            notBefore: expiry.AddMinutes(-20),
            expires: expiry,
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
