using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using TaskGraph.Core.Common;

namespace TaskGraph.Api.OpenApi;

public static class OpenApiExtensions
{
    public const string BearerScheme = "Bearer";
    public const string PasswordScheme = "OAuth2";

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);

    /// <summary>Every tag an endpoint group uses, with what a reader of the docs page sees under it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Auth"] = "Register, log in (JSON or OAuth2 password form) and read the current user.",
        ["Tasks"] = "Your tasks (an admin sees everyone's): paging, filters, sorting, ETags and If-Match.",
        ["Events"] = "The task event log for sync: every change to your tasks (an admin: all tasks) after an event id, oldest first.",
        ["Jobs"] = "Background jobs you started (task imports): status, progress and per-row errors.",
        ["Jokes"] = "A random joke from the external joke API; no sign-in needed.",
        ["Users"] = "Admin only: list users and change their roles.",
        ["Webhooks"] = "Your tasks' events POSTed to your endpoint, signed per Standard Webhooks; each webhook's log of delivery attempts.",
    };

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
                    Contact = new OpenApiContact { Name = "TaskGraph maintainers" },
                    License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
                };
                // Relative to wherever the document was fetched from, never the request's Host header
                // (which a caller controls); a client generator gets a base URL that works behind any proxy.
                document.Servers = [new OpenApiServer { Url = "/" }];
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }));
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
            options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
            {
                var type = context.JsonTypeInfo.Type;
                // Optional<T> (a PATCH field) is T on the wire: absent, null or a value, so never required.
                foreach (var property in context.JsonTypeInfo.Properties.Where(p => IsOptional(p.PropertyType)))
                {
                    schema.Required?.Remove(property.Name);
                }
                if (IsOptional(type))
                {
                    var value = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
                    schema.Type = value.Type;
                    schema.Format = value.Format;
                    schema.Enum = value.Enum;
                    schema.Properties = null;
                    schema.Required = null;
                }
                // Our own converter hides DateTime's shape from the generator.
                else if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTime))
                {
                    schema.Type = type == typeof(DateTime) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                }
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                // Anonymous operations say so (security: []), so linters and generators never guess.
                operation.Security = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any()
                    ?
                    [
                        new OpenApiSecurityRequirement
                        {
                            [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [],
                            [new OpenApiSecuritySchemeReference(PasswordScheme, context.Document)] = [],
                        },
                    ]
                    : [];
                return Task.CompletedTask;
            });
        });
}
