namespace TaskGraph.Api.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that read files committed beside the code.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TaskGraph.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("TaskGraph.sln not found above the test binaries.");
    }
}
