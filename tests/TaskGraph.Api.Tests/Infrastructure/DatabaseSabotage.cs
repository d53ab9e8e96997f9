using Microsoft.Data.Sqlite;

namespace TaskGraph.Api.Tests.Infrastructure;

public static class DatabaseSabotage
{
    /// <summary>Makes the SQLite database unopenable under a running app: the file becomes a directory.</summary>
    public static void BreakSqliteFile(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
        Directory.CreateDirectory(path);
    }

    public static void Repair(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path);
        }
    }
}
