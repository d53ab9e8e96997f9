using System.Reflection;
using TaskGraph.Core.Tasks;
using TaskGraph.Schema;

namespace TaskGraph.Api.Tests.Architecture;

/// <summary>The core stays free of both faces, so a rule cannot drift into one of them.</summary>
public sealed class ProjectBoundaryTests
{
    private static IEnumerable<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Core_references_neither_AspNetCore_nor_GraphQL()
    {
        var references = References(typeof(TaskItem).Assembly).ToList();
        Assert.Contains("Microsoft.EntityFrameworkCore", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("GraphQL", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_references_Core_and_not_the_host()
    {
        var references = References(typeof(TaskGraphSchema).Assembly).ToList();
        Assert.Contains("TaskGraph.Core", references);
        Assert.DoesNotContain("TaskGraph.Api", references);
    }
}
