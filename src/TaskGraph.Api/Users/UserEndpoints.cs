using Microsoft.AspNetCore.Http.HttpResults;
using TaskGraph.Api.Auth;
using TaskGraph.Api.Http;
using TaskGraph.Core.Common;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Users;

/// <summary>Admin-only user management.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users")
            .WithTags("Users")
            .RequireAuthorization(AuthExtensions.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        users.MapGet("", async Task<Ok<IReadOnlyList<UserResponse>>> (string? skip, string? limit, UserAccounts accounts, HttpContext http, CancellationToken cancellationToken) =>
            {
                var errors = new ValidationErrors();
                var (skipValue, limitValue) = PagingHeaders.ParsePaging(skip, limit, errors);
                errors.ThrowIfAny();
                var page = await accounts.ListAsync(skipValue, limitValue, cancellationToken);
                PagingHeaders.Write(http, page, []);
                return TypedResults.Ok<IReadOnlyList<UserResponse>>(page.Items.Select(UserResponse.From).ToList());
            })
            .WithName("listUsers")
            .WithSummary("List users (admin)")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        users.MapPatch("/{id:int}/role", async Task<Ok<UserResponse>> (int id, SetRoleRequest request, UserAccounts accounts, CancellationToken cancellationToken) =>
            {
                if (request.Role is not { } role)
                {
                    var errors = new ValidationErrors();
                    errors.Add("role", "Role is required: user or admin.");
                    errors.ThrowIfAny();
                }
                return TypedResults.Ok(UserResponse.From(await accounts.SetRoleAsync(id, request.Role!.Value, cancellationToken)));
            })
            .WithName("setUserRole")
            .WithSummary("Change a user's role (admin)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }
}
