using TaskGraph.Core.Common;

namespace TaskGraph.Core.Tasks.Batch;

/// <summary>One action on up to <see cref="MaxIds"/> tasks, applied all or nothing.</summary>
/// <param name="Action">The action; null when the caller sent none or an unknown one (a validation error).</param>
/// <param name="Ids">The tasks' ids; repeats count once.</param>
/// <param name="Priority">The new priority, for <see cref="BatchAction.SetPriority"/> only.</param>
public sealed record TaskBatch(BatchAction? Action, IReadOnlyList<int>? Ids, Priority? Priority = null)
{
    public const int MaxIds = 1000;

    /// <summary>The distinct ids, after checking every field (all problems reported at once).</summary>
    public int[] Validate()
    {
        var errors = new ValidationErrors();
        if (Action is null)
        {
            errors.Add("action", "Must be one of: complete, reopen, delete, set_priority.");
        }
        if (Ids is null || Ids.Count == 0)
        {
            errors.Add("ids", "Give at least one task id.");
        }
        else if (Ids.Count > MaxIds)
        {
            errors.Add("ids", $"A batch holds at most {MaxIds} ids; this one has {Ids.Count}.");
        }
        else if (Ids.Any(id => id < 1))
        {
            errors.Add("ids", "Task ids are integers ≥ 1.");
        }
        if (Action == BatchAction.SetPriority && Priority is null)
        {
            errors.Add("priority", "set_priority needs a priority: low, medium or high.");
        }
        else if (Action is not null && Action != BatchAction.SetPriority && Priority is not null)
        {
            errors.Add("priority", "Only set_priority takes a priority.");
        }
        errors.ThrowIfAny();
        return [.. Ids!.Distinct()];
    }
}
