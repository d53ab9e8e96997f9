namespace TaskGraph.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
