using TaskGraph.Core.Tasks;

namespace TaskGraph.Schema.Types;

public sealed class TasksConnectionType() : ConnectionGraphType<TaskItem, TaskType, TasksEdgeType>("TasksConnection", "tasks");
