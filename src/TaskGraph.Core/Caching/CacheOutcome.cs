namespace TaskGraph.Core.Caching;

public enum CacheOutcome
{
    /// <summary>Caching is off: nothing was looked up or stored.</summary>
    Bypass,
    Hit,
    Miss,
}
