using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace TaskGraph.Api.OpenApi;

public static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";
    public const string PasswordScheme = "OAuth2";

    /// <summary>
    /// The OpenAPI document at /openapi/v1.json. Two security schemes: a plain bearer token, and
    /// OAuth2's password flow against /v1/auth/login so the docs page can log in by itself.
    /// Endpoints that require authorization are marked as such; anonymous ones are not.
    /// </summary>
    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TaskGraph REST API",
                    Version = "v1",
                    Description = "Tasks with owners, roles and optimistic concurrency. Log in with POST /v1/auth/login and send the token as a bearer token. The same core serves GraphQL at /graphql.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The access_token from POST /v1/auth/login.",
                };
                document.Components.SecuritySchemes[PasswordScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.OAuth2,
                    Description = "Username and password, exchanged at /v1/auth/login.",
                    Flows = new OpenApiOAuthFlows
                    {
                        Password = new OpenApiOAuthFlow { TokenUrl = new Uri("/v1/auth/login", UriKind.Relative), Scopes = new Dictionary<string, string>() },
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement
                    {
                        [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                        [new OpenApiSecuritySchemeReference(PasswordScheme, context.Document)] = [],
                    });
                }
                return Task.CompletedTask;
            });
        });
}
