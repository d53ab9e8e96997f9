namespace TaskGraph.Core.Tasks;

public sealed record TaskSort(TaskSortField Field, bool Descending)
{
    public static readonly TaskSort Default = new(TaskSortField.CreatedAt, Descending: true);
}
