using System.Text.RegularExpressions;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.Documentation;

/// <summary>The README and docs/ work on any clone: links stay inside the repository, tables stay whole, examples agree.</summary>
public sealed partial class DocumentationTests
{
    public static TheoryData<string> Pages =>
        [.. new[] { "README.md" }.Concat(Directory.GetFiles(Repository.PathOf("docs"), "*.md").Select(f => Path.GetRelativePath(Repository.Root, f)))];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_points_at_a_file_in_the_repository(string page)
    {
        var directory = Path.GetDirectoryName(Repository.PathOf(page))!;

        foreach (Match link in MarkdownLink().Matches(File.ReadAllText(Repository.PathOf(page))))
        {
            var target = link.Groups["target"].Value;
            Assert.False(target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal), $"{page} links outside the repository: {target}");
            var path = target.Split('#')[0];
            if (path.Length == 0)
            {
                continue;
            }
            var resolved = Path.GetFullPath(Path.Combine(directory, path));
            Assert.True(resolved.StartsWith(Repository.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal), $"{page} links outside the repository: {target}");
            Assert.True(File.Exists(resolved) || Directory.Exists(resolved), $"{page} links to a missing file: {target}");
        }
    }

    [Fact]
    public void The_configuration_table_is_one_table()
    {
        var lines = File.ReadAllLines(Repository.PathOf("docs/configuration.md"));
        var first = Array.FindIndex(lines, l => l.StartsWith("| `SECRET_KEY`", StringComparison.Ordinal));
        var table = lines.Skip(first).TakeWhile(l => l.StartsWith('|')).ToList();

        foreach (var variable in new[] { "DATABASE_URL", "REDIS_URL", "RATE_LIMIT", "JOKE_API_URL", "ADMIN_USERNAME", "OTEL_EXPORTER_OTLP_ENDPOINT", "ASPNETCORE_URLS" })
        {
            Assert.Contains(table, row => row.Contains($"`{variable}`", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_readme_states_the_default_rate_limit_and_how_to_raise_it_before_its_examples()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var examples = readme.IndexOf("## Try it", StringComparison.Ordinal);

        Assert.InRange(readme.IndexOf("5 requests per minute", StringComparison.Ordinal), 0, examples);
        Assert.InRange(readme.IndexOf("RATE_LIMIT=1000", StringComparison.Ordinal), 0, examples);
        Assert.InRange(readme.IndexOf("./scripts/test.sh", StringComparison.Ordinal), 0, examples);
        Assert.Matches(RunCommand(), readme[..examples]);
    }

    [Fact]
    public void GraphiQLs_built_in_login_is_a_user_the_readme_registers_with_that_password()
    {
        var script = File.ReadAllText(Repository.PathOf("src/TaskGraph.Api/GraphQL/ide/taskgraph-graphiql.js"));
        var login = GraphiQLLogin().Match(script);
        Assert.True(login.Success, "no login mutation in GraphiQL's default query");
        var (username, password) = (login.Groups["username"].Value, login.Groups["password"].Value);

        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.Contains($$"""register(input: {username: \"{{username}}\", email: \"{{username}}@example.com\", password: \"{{password}}\"})""", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^ADMIN_USERNAME=\S+ ADMIN_PASSWORD=\S+ dotnet run --project src/TaskGraph.Api$", RegexOptions.Multiline)]
    private static partial Regex RunCommand();

    [GeneratedRegex("""login\(input: \{ username: "(?<username>[^"]+)", password: "(?<password>[^"]+)" \}\)""")]
    private static partial Regex GraphiQLLogin();
}
