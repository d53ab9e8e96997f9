using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Auth;

public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/v1/auth").WithTags("Auth").ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        auth.MapPost("/register", async Task<Created<UserResponse>> (RegisterRequest request, UserAccounts accounts, CancellationToken cancellationToken) =>
            {
                var user = await accounts.RegisterAsync(request.Username, request.Email, request.Password, cancellationToken);
                return TypedResults.Created("/v1/auth/me", UserResponse.From(user));
            })
            .WithName("register")
            .WithSummary("Register a user (always role user)")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/login", async Task<Ok<TokenResponse>> (HttpContext http, UserAccounts accounts, TokenIssuer tokens, CancellationToken cancellationToken) =>
            {
                var credentials = await LoginRequest.ReadAsync(http.Request, cancellationToken);
                var user = await accounts.AuthenticateAsync(credentials.Username, credentials.Password, cancellationToken);
                var token = tokens.Issue(user);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new TokenResponse(token.Token, "bearer", token.ExpiresInSeconds));
            })
            .Accepts<LoginRequest>("application/json", "application/x-www-form-urlencoded")
            .WithName("login")
            .WithSummary("Log in: JSON or OAuth2 password-flow form fields")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapGet("/me", async Task<Ok<UserResponse>> (Actor actor, UserAccounts accounts, CancellationToken cancellationToken) =>
                TypedResults.Ok(UserResponse.From(await accounts.GetAsync(actor.UserId, cancellationToken))))
            .RequireAuthorization()
            .WithName("getMe")
            .WithSummary("The current user")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        return app;
    }
}
