using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskGraph.Core.Common;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds an options class to its configuration section and validates it (data annotations plus
    /// any rules the caller chains on) when the host starts, so a bad setting stops start-up with a
    /// message instead of failing the first request that needs it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
