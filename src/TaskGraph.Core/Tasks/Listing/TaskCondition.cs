namespace TaskGraph.Core.Tasks.Listing;

/// <summary>
/// One test of one field, e.g. due date ≥ 2026-12-01. The value has the field's type
/// (<see cref="TaskFields.ValueType"/>), a list of such values for In and Nin, or null, which
/// Eq and Neq read as "has no value".
/// </summary>
public sealed record TaskCondition(TaskField Field, FilterOperator Operator, object? Value);
