using TaskGraph.Api.Tests.Infrastructure;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>Depth and cost limits, checked before execution, on fresh and cached documents.</summary>
public sealed class GraphQLLimitsTests : IClassFixture<TaskGraphFactory>
{
    /// <summary>graphql-js's getIntrospectionQuery(), which GraphiQL sends to build its docs and completion.</summary>
    public const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name }
            mutationType { name }
            subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
        }
        """;

    private readonly TaskGraphFactory _factory;

    public GraphQLLimitsTests(TaskGraphFactory factory) => _factory = factory;

    [Fact]
    public async Task GraphiQLs_introspection_query_passes_the_limits()
    {
        var data = await _factory.CreateClient().QueryAsync(IntrospectionQuery);

        Assert.Contains(data.GetProperty("__schema").GetProperty("types").EnumerateArray(), t => t.GetProperty("name").GetString() == "TasksConnection");
    }

    [Fact]
    public async Task Introspection_nested_without_end_is_too_complex()
    {
        // types { fields { type { fields { type … } } } }: 20 levels, each valid, together abusive.
        var selection = "name";
        for (var i = 0; i < 9; i++)
        {
            selection = $"fields {{ type {{ {selection} }} }}";
        }
        var query = $"{{ __schema {{ types {{ {selection} }} }} }}";

        var result = await _factory.CreateClient().GraphQLAsync(query);

        result.SingleError("QUERY_TOO_COMPLEX");
    }

    [Fact]
    public async Task Many_large_pages_through_aliases_are_too_complex_before_anything_runs()
    {
        var alice = await _factory.CreateUserClientAsync();
        var aliases = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"p{i}: tasks(first: 100) {{ nodes {{ id title description owner {{ username }} }} }}"));

        var result = await alice.Client.GraphQLAsync($"{{ {aliases} }}");

        var error = result.SingleError("QUERY_TOO_COMPLEX");
        Assert.Contains("limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(result.Root.TryGetProperty("data", out _));
    }

    [Fact]
    public async Task Page_sizes_in_variables_count_and_are_rechecked_on_a_cached_document()
    {
        var alice = await _factory.CreateUserClientAsync();
        // Each page costs 2 + n × (nodes 1 + owner 1): 60 points in all for n = 5, 1,010 for n = 100.
        var pages = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"p{i}: tasks(first: $n) {{ nodes {{ id title owner {{ username }} }} }}"));
        var query = $"query($n: Int) {{ {pages} }}";

        await alice.Client.QueryAsync(query, new { n = 5 });
        var big = await alice.Client.GraphQLAsync(query, new { n = 100 });

        big.SingleError("QUERY_TOO_COMPLEX");
    }
}

public sealed class GraphQLDepthLimitTests
{
    [Fact]
    public async Task Selections_deeper_than_the_configured_depth_are_too_complex()
    {
        using var factory = new TaskGraphFactory();
        factory.Settings["GraphQL:MaxDepth"] = "3";
        var alice = await factory.CreateUserClientAsync();

        await alice.Client.QueryAsync("{ tasks { nodes { id } } }");
        var deep = await alice.Client.GraphQLAsync("{ tasks { nodes { owner { id } } } }");

        Assert.Contains("4 levels", deep.SingleError("QUERY_TOO_COMPLEX").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
