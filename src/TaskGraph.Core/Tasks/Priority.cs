namespace TaskGraph.Core.Tasks;

/// <summary>Task priority; stored as its number so sorting by priority means low &lt; medium &lt; high.</summary>
public enum Priority
{
    Low = 0,
    Medium = 1,
    High = 2,
}
