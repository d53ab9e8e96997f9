using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Core.Data;

namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>The app with every SQL command it sends recorded in <see cref="Commands"/>.</summary>
public sealed class CommandCountingFactory : TaskGraphFactory
{
    public CommandCounter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<TaskGraphDbContext>(options => options.AddInterceptors(Commands)));
    }
}
