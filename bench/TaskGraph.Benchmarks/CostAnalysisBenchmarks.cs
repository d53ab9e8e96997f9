using BenchmarkDotNet.Attributes;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Schema;
using TaskGraph.Schema.Cost;

namespace TaskGraph.Benchmarks;

/// <summary>Pricing a typical page query (with a fragment) before it runs: the walk every GraphQL request pays.</summary>
[MemoryDiagnoser]
public class CostAnalysisBenchmarks
{
    private const string Query = """
        query Page($first: Int) {
          tasks(first: $first, order: [{priority: DESC}, {title: ASC}]) {
            totalCount
            pageInfo { hasNextPage endCursor }
            edges { cursor node { ...Row owner { id username } } }
          }
        }
        fragment Row on Task { id title description completed priority dueDate createdAt updatedAt version }
        """;

    private TaskGraphSchema _schema = null!;
    private GraphQLDocument _document = null!;
    private GraphQLOperationDefinition _operation = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection().AddLogging().AddGraphQLSchema(new ConfigurationBuilder().Build()).BuildServiceProvider();
        _schema = services.GetRequiredService<TaskGraphSchema>();
        _schema.Initialize();
        _document = Parser.Parse(Query);
        _operation = _document.Definitions.OfType<GraphQLOperationDefinition>().Single();
    }

    [Benchmark]
    public long Price() => OperationAnalyzer.Analyze(_schema, _document, _operation, _ => true, (_, name) => name == "first" ? 20 : null).Cost;
}
