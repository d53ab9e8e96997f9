namespace TaskGraph.Core.Tasks.Listing;

/// <summary>How a condition compares a field with its value.</summary>
public enum FilterOperator
{
    Eq,
    Neq,
    In,
    Nin,
    Contains,
    StartsWith,
    Gt,
    Gte,
    Lt,
    Lte,
}
