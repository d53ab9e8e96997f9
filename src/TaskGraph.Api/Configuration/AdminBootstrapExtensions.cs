using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Users;

namespace TaskGraph.Api.Configuration;

public static class AdminBootstrapExtensions
{
    /// <summary>ADMIN_USERNAME / ADMIN_PASSWORD, checked at start-up against the rules a registration would apply.</summary>
    public static IServiceCollection AddAdminBootstrap(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AdminOptions>(configuration, AdminOptions.SectionName)
            .Validate(admin => string.IsNullOrWhiteSpace(admin.Username) == string.IsNullOrEmpty(admin.Password),
                "ADMIN_USERNAME and ADMIN_PASSWORD must be set together (or neither).")
            .Validate(admin => string.IsNullOrWhiteSpace(admin.Username) || UserAccounts.IsValidUsername(admin.Username.Trim()),
                "ADMIN_USERNAME must be 3-50 characters: letters, digits, '_', '.' or '-'.")
            .Validate(admin => string.IsNullOrEmpty(admin.Password) || PasswordHasher.IsValid(admin.Password),
                $"ADMIN_PASSWORD must be {PasswordHasher.MinimumLength} characters to {PasswordHasher.MaximumBytes} UTF-8 bytes.");
        return services;
    }

    /// <summary>When both are configured, that admin exists with that password before the API serves a request.</summary>
    public static async Task EnsureConfiguredAdminAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var admin = services.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(admin.Username) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureAdminAsync(admin.Username, admin.Password, cancellationToken);
    }
}
