using System.Net;
using System.Text.RegularExpressions;
using TaskGraph.Api.Configuration;
using TaskGraph.Api.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace TaskGraph.Api.Tests.Deployment;

/// <summary>
/// No Docker engine runs here, so the deployment files are checked against the app instead:
/// ports, environment variable names, health paths and the entry point must all be real.
/// </summary>
public sealed partial class DeploymentFilesTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    private static readonly string Root = Repository.Root;

    /// <summary>Dockerfile instructions with line continuations joined.</summary>
    private static List<(string Instruction, string Arguments)> Dockerfile() =>
        Regex.Replace(File.ReadAllText(Path.Combine(Root, "Dockerfile")), @"\\\n\s*", " ")
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .Select(parts => (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : ""))
            .ToList();

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) =>
        (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    [Fact]
    public void The_dockerfile_is_multi_stage_and_runs_the_api_as_a_non_root_user()
    {
        var instructions = Dockerfile();
        var froms = instructions.Where(i => i.Instruction == "FROM").ToList();
        Assert.True(froms.Count >= 2, "expected a build stage and a runtime stage");
        Assert.Contains("sdk:10.0", froms[0].Arguments, StringComparison.Ordinal);
        Assert.Contains("aspnet:10.0", froms[^1].Arguments, StringComparison.Ordinal);
        var runtime = instructions.SkipWhile(i => i != froms[^1]).ToList();
        var user = Assert.Single(runtime, i => i.Instruction == "USER").Arguments;
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(runtime, i => i.Instruction == "ENTRYPOINT" && i.Arguments == """["dotnet", "TaskGraph.Api.dll"]""");
        Assert.Equal("TaskGraph.Api", typeof(Program).Assembly.GetName().Name);
        Assert.True(File.Exists(Path.Combine(Root, "src/TaskGraph.Api/TaskGraph.Api.csproj")));
    }

    [Fact]
    public async Task The_dockerfile_healthcheck_and_port_point_at_real_endpoints()
    {
        var instructions = Dockerfile();
        var port = Assert.Single(instructions, i => i.Instruction == "EXPOSE").Arguments;
        var env = string.Join(' ', instructions.Where(i => i.Instruction == "ENV").Select(i => i.Arguments));
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={port}", env, StringComparison.Ordinal);
        var healthcheck = Assert.Single(instructions, i => i.Instruction == "HEALTHCHECK").Arguments;
        var url = HealthUrl().Match(healthcheck);
        Assert.True(url.Success, healthcheck);
        Assert.Equal(port, url.Groups["port"].Value);
        Assert.Contains("\"healthcheck\"", healthcheck, StringComparison.Ordinal);

        var response = await factory.CreateClient().GetAsync(url.Groups["path"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_health_probe_command_reports_the_readiness_endpoint()
    {
        Assert.Equal(1, await TaskGraph.Api.Health.HealthProbe.RunAsync(["healthcheck", "http://127.0.0.1:9/health/ready"]));
        Assert.True(TaskGraph.Api.Health.HealthProbe.IsRequested(["healthcheck"]));
        Assert.False(TaskGraph.Api.Health.HealthProbe.IsRequested([]));
    }

    [Fact]
    public void Compose_runs_the_api_and_redis_with_postgres_as_an_optional_profile()
    {
        var services = (YamlMappingNode)Compose()["services"];
        Assert.Contains(services.Children.Keys, k => k.ToString() == "api");
        Assert.Contains(services.Children.Keys, k => k.ToString() == "redis");
        var postgres = Service("postgres");
        Assert.Equal("postgres", ((YamlSequenceNode)postgres["profiles"]).Children.Single().ToString());
        Assert.Equal(".", Service("api")["build"].ToString());
    }

    [Fact]
    public void Compose_postgres_url_is_one_the_app_accepts_and_points_at_the_postgres_service()
    {
        // The postgres profile is used by setting DATABASE_URL as the compose file's header shows.
        var url = ComposePostgresUrl().Match(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        Assert.True(url.Success, "docker-compose.yml shows no DATABASE_URL=postgres://… for the postgres profile");
        var connection = TaskGraph.Core.Data.DatabaseConnection.Parse(url.Groups["url"].Value);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString);
        var environment = (YamlMappingNode)Service("postgres")["environment"];

        Assert.Equal(TaskGraph.Core.Data.DatabaseProvider.Postgres, connection.Provider);
        Assert.Equal("postgres", builder.Host);
        Assert.Equal(5432, builder.Port);
        Assert.Equal(environment["POSTGRES_USER"].ToString(), builder.Username);
        Assert.Equal(environment["POSTGRES_DB"].ToString(), builder.Database);
        Assert.Equal("${POSTGRES_PASSWORD:-" + builder.Password + "}", environment["POSTGRES_PASSWORD"].ToString());
        // The default (no DATABASE_URL) is SQLite on the api volume.
        Assert.Equal("${DATABASE_URL:-Data Source=/data/taskgraph.db}", Service("api")["environment"]["DATABASE_URL"].ToString());
    }

    [Fact]
    public void Compose_scales_the_api_behind_a_load_balancer_that_owns_the_only_host_port()
    {
        var exposed = Dockerfile().Single(i => i.Instruction == "EXPOSE").Arguments;
        var api = Service("api");
        var lb = Service("lb");
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy/nginx.conf"));

        // `--scale api=3` fails with a fixed host port on the scaled service.
        Assert.False(api.Children.ContainsKey("ports"), "the api service must not publish a host port");
        Assert.Equal([exposed], ((YamlSequenceNode)api["expose"]).Children.Select(p => p.ToString()));
        Assert.StartsWith("nginx:", lb["image"].ToString(), StringComparison.Ordinal);
        Assert.Equal(["./deploy/nginx.conf:/etc/nginx/nginx.conf:ro"], ((YamlSequenceNode)lb["volumes"]).Children.Select(v => v.ToString()));
        var listen = NginxListen().Match(nginx).Groups["port"].Value;
        Assert.Equal(["${API_PORT:-8000}:" + listen], ((YamlSequenceNode)lb["ports"]).Children.Select(p => p.ToString()));
        Assert.Matches($@"server api:{exposed} resolve;", nginx);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", nginx, StringComparison.Ordinal);
        Assert.Equal("service_healthy", lb["depends_on"]["api"]["condition"].ToString());
    }

    [Fact]
    public void Compose_trusts_forwarded_headers_from_its_own_network_only()
    {
        var network = (YamlMappingNode)((YamlSequenceNode)Compose()["networks"]["default"]["ipam"]["config"]).Children.Single();
        var trusted = Service("api")["environment"]["ForwardedHeaders__KnownIPNetworks__0"].ToString();

        Assert.Equal(network["subnet"].ToString(), trusted);
        Assert.True(System.Net.IPNetwork.TryParse(trusted.Replace("${COMPOSE_SUBNET:-", "", StringComparison.Ordinal).TrimEnd('}'), out _), trusted);
    }

    [Fact]
    public void Compose_sets_only_environment_variables_the_app_reads_and_covers_the_contract()
    {
        var environment = ((YamlMappingNode)Service("api")["environment"]).Children.Keys.Select(k => k.ToString()).ToHashSet();

        // The contract's variables, plus Section__Key names of options the app binds.
        Assert.Subset(ContractEnvironmentVariables.Aliases.Keys.Append("ForwardedHeaders__KnownIPNetworks__0").ToHashSet(), environment);
        Assert.Superset(new HashSet<string> { "SECRET_KEY", "REDIS_URL", "DATABASE_URL", "RATE_LIMIT", "RATE_PERIOD", "JOKE_API_URL" }, environment);
        Assert.Equal("redis://redis:6379/0", Service("api")["environment"]["REDIS_URL"].ToString());
    }

    [Fact]
    public void Compose_keeps_data_on_volumes_and_gives_shutdown_time_to_drain_requests()
    {
        Assert.Contains(((YamlSequenceNode)Service("api")["volumes"]).Children, v => v.ToString() == "api-data:/data");
        Assert.Contains(((YamlSequenceNode)Service("redis")["volumes"]).Children, v => v.ToString().EndsWith(":/data", StringComparison.Ordinal));
        Assert.Equal("35s", Service("api")["stop_grace_period"].ToString());
        var dockerEnv = string.Join(' ', Dockerfile().Where(i => i.Instruction == "ENV").Select(i => i.Arguments));
        Assert.Contains("DATABASE_URL=\"Data Source=/data/taskgraph.db\"", dockerEnv, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"DATABASE_URL=(?<url>postgres(ql)?://\S+)")]
    private static partial Regex ComposePostgresUrl();

    [GeneratedRegex(@"http://127\.0\.0\.1:(?<port>\d+)(?<path>/[a-z/]+)")]
    private static partial Regex HealthUrl();

    [GeneratedRegex(@"^\s*listen (?<port>\d+);", RegexOptions.Multiline)]
    private static partial Regex NginxListen();
}
