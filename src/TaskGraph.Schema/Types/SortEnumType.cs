using GraphQL.Types;

namespace TaskGraph.Schema.Types;

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
