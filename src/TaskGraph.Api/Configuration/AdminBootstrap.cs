using TaskGraph.Core.Users;

namespace TaskGraph.Api.Configuration;

public static class AdminBootstrap
{
    /// <summary>When both are configured, that admin exists with that password before the API serves a request.</summary>
    public static async Task EnsureConfiguredAdminAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var admin = configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>();
        if (string.IsNullOrWhiteSpace(admin?.Username) || string.IsNullOrEmpty(admin.Password))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().EnsureAdminAsync(admin.Username, admin.Password, cancellationToken);
    }
}
