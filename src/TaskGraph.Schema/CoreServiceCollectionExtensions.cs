using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TaskGraph.Schema.Auth;
using TaskGraph.Schema.Data;
using TaskGraph.Schema.Jokes;
using TaskGraph.Schema.Tasks;
using TaskGraph.Schema.Users;
using TaskGraph.Schema.Common;

namespace TaskGraph.Schema;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The core both faces call: data, users and auth, tasks, jokes.</summary>
    public static IServiceCollection AddTaskGraphCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddTaskGraphData(configuration);

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
