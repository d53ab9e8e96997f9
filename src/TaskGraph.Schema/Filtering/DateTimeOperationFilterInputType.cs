using GraphQL.Types;

namespace TaskGraph.Schema.Filtering;

public sealed class DateTimeOperationFilterInputType() : ComparableOperationFilterInputType<DateTimeGraphType>("DateTimeOperationFilterInput", "a date and time (ISO-8601 with an offset)");
