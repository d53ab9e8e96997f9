using Scalar.AspNetCore;

namespace TaskGraph.Api.OpenApi;

public static class ApiDocsEndpoints
{
    /// <summary>/openapi/v1.json and the docs page at /docs (Scalar; its script is served by the app, no CDN).</summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        // Fully offline and self-contained: no web fonts, telemetry, AI agent or hosted tooling links.
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("TaskGraph API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .WithDotNetFlag(false)
            .AddPreferredSecuritySchemes(OpenApiExtensions.PasswordScheme)
            .AddPasswordFlow(OpenApiExtensions.PasswordScheme, _ => { }));
        return app;
    }
}
