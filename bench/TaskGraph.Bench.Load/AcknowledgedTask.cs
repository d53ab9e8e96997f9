namespace TaskGraph.Bench.Load;

/// <summary>What the API last acknowledged for a task one client owns: read back after the run, it must be exactly this.</summary>
public sealed class AcknowledgedTask(int id, string token, string title, int version)
{
    public int Id { get; } = id;

    public string Token { get; } = token;

    public string Title { get; set; } = title;

    public int Version { get; set; } = version;

    public bool Deleted { get; set; }
}
