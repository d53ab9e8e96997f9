using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Types;

public sealed class TasksEdgeType() : EdgeGraphType<TaskItem, TaskType>("TasksEdge", "task");
