namespace TaskGraph.Core.Tasks.Batch;

/// <summary>What a batch does to each of its tasks.</summary>
public enum BatchAction
{
    Complete,
    Reopen,
    Delete,
    SetPriority,
}
