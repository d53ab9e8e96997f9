using GraphQL.Types;
using TaskGraph.Core.Tasks.Batch;

namespace TaskGraph.Schema.Types;

public sealed class BatchActionType : EnumerationGraphType
{
    public BatchActionType()
    {
        Name = "BatchAction";
        Description = "What `batchUpdateTasks` does to each task.";
        Add("COMPLETE", BatchAction.Complete, "Marks the tasks completed.");
        Add("REOPEN", BatchAction.Reopen, "Marks the tasks not completed.");
        Add("DELETE", BatchAction.Delete, "Deletes the tasks.");
        Add("SET_PRIORITY", BatchAction.SetPriority, "Gives the tasks `priority`.");
    }
}
