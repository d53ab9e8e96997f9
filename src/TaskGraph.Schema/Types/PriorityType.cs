using GraphQL.Types;
using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Types;

public sealed class PriorityType : EnumerationGraphType
{
    public PriorityType()
    {
        Name = "Priority";
        Description = "How urgent a task is. Sorting by priority orders LOW < MEDIUM < HIGH.";
        Add("LOW", Priority.Low, "Can wait.");
        Add("MEDIUM", Priority.Medium, "The default.");
        Add("HIGH", Priority.High, "Do it first.");
    }
}
