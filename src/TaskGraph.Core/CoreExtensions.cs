using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TaskGraph.Core.Auth;
using TaskGraph.Core.Common;
using TaskGraph.Core.Data;
using TaskGraph.Core.Jokes;
using TaskGraph.Core.Tasks;
using TaskGraph.Core.Users;

namespace TaskGraph.Core;

public static class CoreExtensions
{
    /// <summary>The core both faces call: data, users and auth, tasks, jokes.</summary>
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddData(configuration);

        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.SectionName);
        services.AddSingleton<AuthOptionsSetup>();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<IValidateOptions<AuthOptions>>(sp => sp.GetRequiredService<AuthOptionsSetup>());
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<TokenIssuer>();

        services.AddScoped<UserAccounts>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<TaskCommands>();
        services.AddJokes(configuration);
        return services;
    }
}
