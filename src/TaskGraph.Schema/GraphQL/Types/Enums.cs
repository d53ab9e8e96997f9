using GraphQL.Types;
using TaskGraph.Schema.Tasks;
using TaskGraph.Schema.Users;

namespace TaskGraph.Schema.GraphQL.Types;

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

public sealed class RoleType : EnumerationGraphType
{
    public RoleType()
    {
        Name = "Role";
        Description = "What a user may do: USER sees and changes only their own tasks; ADMIN sees and changes all tasks and users' roles.";
        Add("USER", Role.User, "A regular user (every registration).");
        Add("ADMIN", Role.Admin, "An administrator.");
    }
}

/// <summary>The direction of one sort key.</summary>
public enum SortDirection
{
    Ascending,
    Descending,
}

public sealed class SortEnumType : EnumerationGraphType
{
    public SortEnumType()
    {
        Name = "SortEnumType";
        Description = "Sort direction.";
        Add("ASC", SortDirection.Ascending, "Ascending: smallest, earliest, A first.");
        Add("DESC", SortDirection.Descending, "Descending: largest, latest, Z first.");
    }
}
