using GraphQL.Types;

namespace TaskGraph.Schema.Types;

public sealed class BatchUpdateTasksPayloadType : ObjectGraphType<int>
{
    public BatchUpdateTasksPayloadType()
    {
        Name = "BatchUpdateTasksPayload";
        Description = "What a batch changed.";
        Field<NonNullGraphType<IntGraphType>>("updated")
            .Description("How many tasks changed (tasks already in the asked-for state do not count).")
            .Resolve(c => c.Source);
    }
}
