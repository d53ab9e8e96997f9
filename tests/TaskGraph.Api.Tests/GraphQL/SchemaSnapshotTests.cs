using Snapshooter.Xunit;
using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>
/// The schema is a public contract: any change to it must show up in review as a change to
/// schema.graphql (repo root) and to the snapshot. To accept a change, copy the served SDL
/// (GET /graphql/schema.graphql) into schema.graphql and delete the stale snapshot.
/// </summary>
public sealed class SchemaSnapshotTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public async Task The_printed_schema_matches_its_snapshot()
    {
        var sdl = await factory.CreateClient().GetStringAsync("/graphql/schema.graphql");

        Snapshot.Match(sdl);
    }

    [Fact]
    public async Task The_committed_schema_graphql_is_the_schema_the_server_serves()
    {
        var served = await factory.CreateClient().GetStringAsync("/graphql/schema.graphql");
        var committed = await File.ReadAllTextAsync(Repository.PathOf("schema.graphql"));

        Assert.True(
            committed.ReplaceLineEndings("\n") == served.ReplaceLineEndings("\n"),
            "schema.graphql is out of date: replace it with the output of GET /graphql/schema.graphql.");
    }

    [Fact]
    public async Task Every_type_and_field_has_a_description()
    {
        var data = await factory.CreateClient().QueryAsync(GraphQLLimitsTests.IntrospectionQuery);

        var missing = new List<string>();
        foreach (var type in data.GetProperty("__schema").GetProperty("types").EnumerateArray())
        {
            var name = type.GetProperty("name").GetString()!;
            if (name.StartsWith("__", StringComparison.Ordinal) || name is "String" or "Boolean" or "Int" or "ID" or "Float")
            {
                continue;
            }
            if (type.GetProperty("description").ValueKind != System.Text.Json.JsonValueKind.String)
            {
                missing.Add(name);
            }
            foreach (var list in new[] { "fields", "inputFields", "enumValues" })
            {
                if (type.GetProperty(list).ValueKind != System.Text.Json.JsonValueKind.Array)
                {
                    continue;
                }
                missing.AddRange(type.GetProperty(list).EnumerateArray()
                    .Where(f => f.GetProperty("description").ValueKind != System.Text.Json.JsonValueKind.String)
                    .Select(f => $"{name}.{f.GetProperty("name").GetString()}"));
            }
        }
        Assert.Empty(missing);
    }
}
