using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using TaskGraph.Api.Tests.Infrastructure;
using TaskGraph.Schema;
using TaskGraph.Schema.Cost;

namespace TaskGraph.Api.Tests.GraphQL;

/// <summary>
/// The caps before validation and the pricing walk do work linear in the document, counted in
/// selections visited (not timed): a fragment is analysed once however often it is spread.
/// </summary>
public sealed class CostAnalysisLinearityTests(TaskGraphFactory factory) : IClassFixture<TaskGraphFactory>
{
    [Fact]
    public void Doubling_a_fragment_chain_keeps_the_steps_per_level_while_the_expanded_fields_square()
    {
        var (shortShape, shortAnalysis) = Measure(GraphQLAbuseTests.FragmentBomb(12));
        var (longShape, longAnalysis) = Measure(GraphQLAbuseTests.FragmentBomb(24));

        // What a walk that expands spreads would visit: 2^11 fields, then 2^23.
        Assert.Equal(1L << 11, shortShape.Fields);
        Assert.Equal(1L << 23, longShape.Fields);
        // What these walks visit: the same few selections per level at either length.
        Assert.Equal(shortShape.Steps / 12.0, longShape.Steps / 24.0);
        Assert.Equal(shortAnalysis.Steps / 12.0, longAnalysis.Steps / 24.0);
        Assert.InRange(longAnalysis.Steps, 24, 3 * 24);
    }

    [Fact]
    public void A_fragment_spread_a_hundred_times_is_priced_once_and_charged_a_hundred_times()
    {
        var spreads = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"t{i}: task(id: {i + 1}) {{ ...Fields }}"));
        var query = $"{{ {spreads} }} fragment Fields on Task {{ id title description completed priority dueDate owner {{ id username email }} }}";

        var (shape, analysis) = Measure(query);

        Assert.Equal(100 * (1 + 10), shape.Fields);
        // 100 root fields and 100 spreads, then the fragment's 7 fields and owner's 3 once.
        Assert.Equal(100 + 100 + 7 + 3, analysis.Steps);
        // Each task: 1, and its owner 1.
        Assert.Equal(100 * 2, analysis.Cost);
    }

    private (DocumentShape Shape, OperationAnalysis Analysis) Measure(string query)
    {
        var schema = factory.Services.GetRequiredService<TaskGraphSchema>();
        schema.Initialize();
        var document = Parser.Parse(query);
        var operation = document.Definitions.OfType<GraphQLOperationDefinition>().Single();
        return (DocumentShape.Measure(document), OperationAnalyzer.Analyze(schema, document, operation, _ => true, (_, _) => null));
    }
}
